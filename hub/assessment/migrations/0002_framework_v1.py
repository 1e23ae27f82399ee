"""Version 1 of the self-assessment framework, published: the six capabilities leaders need
(codes shared with the academies' learning outcomes), three questions each, and what every
level of every question looks like in a council."""

from django.db import migrations
from django.utils import timezone

LABELS = ["Not started", "Emerging", "Developing", "Established", "Leading"]

INTRODUCTION = """\
This self-assessment helps a council's leadership team, councillors and officers, see how \
ready it is to lead digital change. Each member answers on their own; the team then sees \
where it agrees and where it differs, and gets a support plan drawn from the programme.

For each question, choose the description closest to your council today, not where you \
plan to be. There are no right answers, and nobody outside your team sees your answers."""

# (code, title, description, [(question, help text, [five descriptors, level 1 to 5])])
CAPABILITIES = [
    (
        "what-digital-can-do",
        "A realistic understanding of what digital can do",
        "How well the leadership team understands what digital can and cannot do for "
        "residents, for staff and for the council as an organisation, and can tell a real "
        "opportunity from a supplier's promise.",
        [
            (
                "How well does the leadership team understand what digital can do for residents?",
                "Think of the services residents use most: paying, reporting, applying and "
                "booking.",
                [
                    "We rarely discuss digital services for residents; they are seen as the IT "
                    "team's business.",
                    "Some of us know about the website and online forms, but we could not say "
                    "which services residents use online or how well they work.",
                    "We know which of our main services can be done online and how many "
                    "residents use them, and we discuss this at least once a year.",
                    "We know where residents struggle online and why, we set goals for "
                    "services done end to end online, and we check progress every quarter.",
                    "We redesign services around what residents can do online or with help, "
                    "learn from the councils that do it best, and residents notice the "
                    "difference.",
                ],
            ),
            (
                "How well does the team understand what digital can do for the council's "
                "workforce?",
                "Think of staff tools, mobile working, automating routine tasks and having "
                "information to hand.",
                [
                    "We do not know which tools our staff use or how much time they lose to "
                    "manual work.",
                    "We know of some frustrations with our systems, but only from complaints "
                    "and anecdotes.",
                    "We have asked staff which tasks waste most time and have a list of "
                    "improvements, but few have been made.",
                    "Front-line and office staff have the tools they need, routine tasks are "
                    "being automated, and we track the time saved.",
                    "Staff help choose and shape their tools, we measure the effect on their "
                    "work, and we share what works with other councils.",
                ],
            ),
            (
                "Does the team have a realistic view of what digital cannot do, and of its risks?",
                "Think of limits and costs, cyber attacks, residents being left out, and "
                "suppliers' promises.",
                [
                    "We tend to accept suppliers' claims as they are presented to us.",
                    "Some of us question suppliers' claims, but we have no way to test them.",
                    "We ask for evidence before we buy and consider who could be left out, "
                    "though not every time.",
                    "Every digital proposal sets out its limits and risks, including cyber "
                    "security and digital exclusion, and what happens if it fails; we "
                    "challenge them.",
                    "We test claims with small trials before committing, publish what we "
                    "learn, and our scrutiny committee challenges digital plans with "
                    "confidence.",
                ],
            ),
        ],
    ),
    (
        "market-and-value-for-money",
        "The market for services and technologies, and value for money",
        "Understanding the market well enough to buy well: knowing what you have and when "
        "contracts end, what other councils pay, who else could supply you, and how to avoid "
        "being locked in.",
        [
            (
                "How well does the team know the council's main technology contracts?",
                "Think of the systems behind revenues and benefits, social care, planning, "
                "housing and the website.",
                [
                    "We do not know when our main technology contracts end.",
                    "A list of contracts exists, but leaders rarely see it and renewals come as "
                    "a surprise.",
                    "We know when our main contracts end and what they cost each year, and we "
                    "plan renewals about six months ahead.",
                    "Leaders review the pipeline of contracts twice a year and plan each major "
                    "renewal at least a year ahead, weighing the options.",
                    "We compare prices with other councils and plan each renewal 18 months "
                    "ahead, so we always have time to change supplier.",
                ],
            ),
            (
                "How well does the team understand the supplier market?",
                "Think of who supplies councils like yours, new suppliers, and shared or open "
                "alternatives.",
                [
                    "We know only our current suppliers.",
                    "We hear about other suppliers mainly when they approach us.",
                    "We talk to the market before major purchases and know the main "
                    "alternatives for our biggest systems.",
                    "We talk to the market regularly, small and new suppliers included, and buy "
                    "through frameworks with other councils where it helps.",
                    "We shape the market: we buy jointly with other councils, share "
                    "specifications and set common standards so good suppliers can compete.",
                ],
            ),
            (
                "How well does the council avoid being locked in to a supplier?",
                "Think of who owns the data, open standards and the terms for leaving.",
                [
                    "We do not know whether we could get our data back if we left a supplier.",
                    "We know some systems would be hard to leave, but we have no plan for it.",
                    "New contracts say we own our data and can get it back in a form we can use.",
                    "New contracts require open standards and an exit plan, and we bring older "
                    "contracts into line when they are renewed.",
                    "We have moved off a system that locked us in, and every major contract has "
                    "an exit plan we have tested.",
                ],
            ),
        ],
    ),
    (
        "user-insight-first",
        "Applying digital, starting with user insight",
        "Starting from what residents and staff need, found out by research, before choosing "
        "a technology, and leading services designed around the people who use them.",
        [
            (
                "How does the council find out what users need before it changes a service?",
                "",
                [
                    "We decide what to build from what we think users want, or from what a "
                    "supplier offers.",
                    "We sometimes run a survey or consultation, usually after the decision is "
                    "made.",
                    "Larger projects include research with users before design, though it is "
                    "not always acted on.",
                    "Every service change starts with research with the people who use it, "
                    "including those who find digital hard, and the findings shape the design.",
                    "We have our own user researchers; leaders watch research themselves, and "
                    "decisions can be traced back to what users told us.",
                ],
            ),
            (
                "How are services tested with users while they are built?",
                "",
                [
                    "Users first see a new service when it goes live.",
                    "A few staff try new services before they launch.",
                    "We test with some real users before launch and fix the biggest problems.",
                    "We test with users throughout, release in small steps, and meet the "
                    "accessibility regulations.",
                    "We assess services against a service standard, such as the Local "
                    "Government Digital Service Standard, and keep improving them after launch "
                    "from data and feedback.",
                ],
            ),
            (
                "How well do leaders champion designing services around users?",
                "",
                [
                    "Leaders do not ask about users when they approve digital projects.",
                    "Leaders support the idea but approve projects without evidence of what "
                    "users need.",
                    "Leaders ask for evidence of users' needs at the main decisions.",
                    "Leaders expect evidence from users at every approval and give teams the "
                    "time to do research.",
                    "Leaders take part in research themselves, talk publicly about residents' "
                    "experience and hold services to account for it.",
                ],
            ),
        ],
    ),
    (
        "where-investment-delivered",
        "Where digital investment has delivered benefits",
        "Knowing where digital investment has saved money or improved outcomes, in your own "
        "council and elsewhere, how strong the evidence is, and reusing what has been proven.",
        [
            (
                "How well does the council set out the benefits it expects from digital "
                "investment?",
                "",
                [
                    "Business cases for digital spending do not state the benefits expected.",
                    "Business cases describe benefits in general terms, without figures or "
                    "anyone responsible for them.",
                    "Business cases set out measurable benefits against a baseline, but they "
                    "are rarely tracked.",
                    "Each benefit has a measure, a baseline, an owner and a date, and is "
                    "reported to leaders.",
                    "Benefits are tracked until they are delivered, and benefits that do not "
                    "appear lead us to change or stop the work.",
                ],
            ),
            (
                "Does the council know which of its past digital investments delivered?",
                "",
                [
                    "We could not say whether our past digital projects delivered what was "
                    "promised.",
                    "We know of some successes and failures, from anecdote.",
                    "We review large projects after they finish, though the reviews are not "
                    "always shared.",
                    "We review every significant project, report the results openly to "
                    "councillors and use them in the next business case.",
                    "We publish what worked and what did not, and other councils use our evidence.",
                ],
            ),
            (
                "How well does the council use evidence from elsewhere?",
                "",
                [
                    "We do not look at what other councils have done before starting a project.",
                    "We hear about other councils' work informally and by chance.",
                    "Before major projects we look for similar work elsewhere and talk to the "
                    "councils that did it.",
                    "We check good practice and evidence as a matter of course, weigh how "
                    "strong it is, and reuse approaches that have worked.",
                    "We reuse and jointly fund proven products with other councils, and add "
                    "our own evidence to shared libraries of good practice.",
                ],
            ),
        ],
    ),
    (
        "resources-and-skills",
        "The resources and skills needed",
        "Judging the people, skills, data and money a digital change needs, and how to build "
        "them in the council and with partners.",
        [
            (
                "How well does the team know the digital skills the council has and needs?",
                "",
                [
                    "We do not know what digital skills our staff have.",
                    "We know we lack some skills, mainly when a project struggles.",
                    "We have assessed our staff's digital skills and know the main gaps.",
                    "We have a plan to close the gaps through training, recruitment and "
                    "partners, and we track progress.",
                    "Digital skills are part of every role's development, leaders included, "
                    "and we grow talent with partners across the place.",
                ],
            ),
            (
                "How digitally confident are the council's leaders themselves?",
                "Leaders means cabinet members and the senior management team.",
                [
                    "Few leaders feel able to discuss digital; it is left to specialists.",
                    "Some leaders are confident; most rely on the head of IT.",
                    "Most leaders can discuss digital plans and ask good questions, and some "
                    "have had training.",
                    "All senior officers and cabinet members have had digital leadership "
                    "development and challenge digital plans well.",
                    "Leaders work in digital ways themselves, mentor others, and other "
                    "councils ask for their advice.",
                ],
            ),
            (
                "How realistically does the council plan the resources digital change needs?",
                "Think of money, people, time, data and technology, including the cost of "
                "running a service after launch.",
                [
                    "We fund projects up to launch, with nothing for running or improving them.",
                    "Budgets cover the technology but underestimate the people and time needed.",
                    "Plans for larger projects include people, time and running costs.",
                    "Every digital change has a realistic budget for people, data and running "
                    "costs, checked against similar work elsewhere.",
                    "We fund lasting teams for services rather than one-off projects, and "
                    "share specialists and budgets with partners where that is better value.",
                ],
            ),
        ],
    ),
    (
        "spotting-opportunities",
        "Spotting opportunities to apply digital",
        "Identifying where digital could change a service, or joint work across the place, "
        "and making the case for it.",
        [
            (
                "How does the council identify opportunities for digital?",
                "",
                [
                    "Opportunities come from suppliers, or from systems reaching the end of "
                    "their life.",
                    "Services suggest ideas now and then, with no way of weighing them.",
                    "We collect ideas from services and staff and rank them against our "
                    "priorities once a year.",
                    "We regularly look at data on demand, cost and failure to find where "
                    "digital would help most, and keep a list of opportunities in order of "
                    "priority.",
                    "Residents, staff and partners help us find opportunities, and we try the "
                    "best ones quickly in small tests before investing.",
                ],
            ),
            (
                "How well does the council spot opportunities with its partners across the place?",
                "Think of police, fire, health, other councils and the voluntary sector.",
                [
                    "We do not discuss digital with our partners.",
                    "We talk with partners about digital now and then, mostly about problems.",
                    "We have found some opportunities to share with partners, such as sharing "
                    "data or running a service together.",
                    "We run joint digital projects with partners, with shared goals and "
                    "governance.",
                    "Partners plan digital together for the place, share data safely as a "
                    "matter of course and pool budgets for joint work.",
                ],
            ),
            (
                "How well does digital feature in the council's strategy and decisions?",
                "",
                [
                    "Digital is not mentioned in our corporate plan.",
                    "Digital appears in the corporate plan as a matter for IT.",
                    "Our corporate plan sets out how digital supports our priorities, with a "
                    "named lead.",
                    "Every major decision considers how digital could help, and the cabinet "
                    "reviews a digital strategy linked to the corporate plan.",
                    "Digital is part of how we pursue every priority, and other councils come "
                    "to learn from us.",
                ],
            ),
        ],
    ),
]


def load_framework_v1(apps, schema_editor):
    Framework = apps.get_model("assessment", "Framework")
    Capability = apps.get_model("assessment", "Capability")
    Question = apps.get_model("assessment", "Question")
    Level = apps.get_model("assessment", "Level")
    if Framework.objects.filter(version=1).exists():
        return
    framework = Framework.objects.create(
        version=1,
        title="Digital leadership self-assessment",
        introduction=INTRODUCTION,
        status="published",
        published_at=timezone.now(),
        change_note="The first version.",
    )
    for order, (code, title, description, questions) in enumerate(CAPABILITIES, start=1):
        capability = Capability.objects.create(
            framework=framework, code=code, title=title, description=description, order=order
        )
        for number, (text, help_text, descriptors) in enumerate(questions, start=1):
            question = Question.objects.create(
                capability=capability, text=text, help_text=help_text, order=number
            )
            Level.objects.bulk_create(
                Level(question=question, score=score, label=label, descriptor=descriptor)
                for score, (label, descriptor) in enumerate(
                    zip(LABELS, descriptors, strict=True), start=1
                )
            )


def remove_framework_v1(apps, schema_editor):
    Framework = apps.get_model("assessment", "Framework")
    Framework.objects.filter(version=1, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(load_framework_v1, remove_framework_v1)]
