"""Version 1 of the digital lines of enquiry, published: the five core elements of the corporate
peer challenge, each with two or three digital lines of enquiry and the prompts peers can use,
written for council leaders and the peers who challenge them."""

from django.db import migrations
from django.utils import timezone

INTRODUCTION = """\
Digital is not a separate review: these lines of enquiry sit inside the five core elements \
of the corporate peer challenge. They help the peer team ask how the council uses digital \
tools and approaches to improve services and become more efficient, spot opportunities, and \
point to good practice other councils have already delivered, so nobody reinvents the wheel.

The prompts are questions peers can ask; they are not a checklist. Use the ones that fit the \
council's scope and its position statement."""

# (code, title, description, [(line code, line title, [prompts])])
ELEMENTS = [
    (
        "local-priorities-and-outcomes",
        "Local priorities and outcomes",
        "Whether the council understands its place and its residents, has clear priorities "
        "that reflect them, and delivers the outcomes it set out to. Here: how digital "
        "helps it understand residents' needs and deliver what matters to them.",
        [
            (
                "digital-in-priorities",
                "Is digital part of how the council delivers its priorities?",
                [
                    "How does the council plan show where digital will help deliver each priority?",
                    "Which outcomes for residents has digital change improved in the last two "
                    "years, and how do you know?",
                    "Who decides which services are redesigned first, and on what evidence?",
                    "How do residents who cannot or will not go online get the same outcomes?",
                ],
            ),
            (
                "data-and-insight",
                "Does the council use data and insight about its place to set priorities?",
                [
                    "What data about residents and the place do leaders see regularly, and how "
                    "has it changed a decision?",
                    "Can services share data about the same resident lawfully and safely?",
                    "How does the council use data from partners such as health, police and "
                    "housing associations?",
                ],
            ),
            (
                "user-needs",
                "Are services designed around what residents need?",
                [
                    "How often do service teams speak to the residents who use their services?",
                    "Which services can residents complete online from start to finish?",
                    "Where do residents most often fail online and have to phone or visit?",
                ],
            ),
        ],
    ),
    (
        "organisational-and-place-leadership",
        "Organisational and place leadership",
        "Whether the council provides effective leadership of the organisation and of the "
        "place, with its partners. Here: whether leaders, councillors and officers alike, own "
        "digital change and lead it with partners across the place.",
        [
            (
                "ownership-of-digital-change",
                "Do the council's leaders own digital change?",
                [
                    "Which cabinet member and which director answer for digital change, and "
                    "what do they each do?",
                    "How do leaders talk about digital to staff and residents: as technology, "
                    "or as better services?",
                    "How confident are senior leaders in judging a digital proposal or a "
                    "supplier's promise?",
                    "How do leaders learn from other councils that have done similar work?",
                ],
            ),
            (
                "digital-across-the-place",
                "Does the council lead digital work with its partners across the place?",
                [
                    "Which digital projects does the council share with health, other councils "
                    "or the voluntary sector?",
                    "How does the council help residents and businesses get online and build "
                    "their skills and confidence?",
                    "What would partners say about working with the council on data and "
                    "shared services?",
                ],
            ),
        ],
    ),
    (
        "governance-and-culture",
        "Governance and culture",
        "Whether the council has clear and robust governance and a culture of challenge, "
        "openness and learning. Here: how decisions about digital are made, scrutinised and "
        "their risks managed.",
        [
            (
                "scrutiny-of-digital",
                "Are digital programmes and their risks governed and scrutinised well?",
                [
                    "How do members scrutinise digital programmes and their risks, including "
                    "cyber?",
                    "When did the cabinet or audit committee last discuss cyber security, and "
                    "what changed as a result?",
                    "How are decisions about major technology contracts taken, and who "
                    "challenges them?",
                    "How does the council check that a digital programme is delivering what "
                    "its business case promised?",
                ],
            ),
            (
                "culture-of-learning",
                "Does the culture let staff test, learn and change how they work?",
                [
                    "Can a team try a new way of working on a small scale without a long "
                    "approval process?",
                    "How are failures in digital projects talked about and learned from?",
                    "How are staff involved in choosing and shaping the tools they use?",
                ],
            ),
        ],
    ),
    (
        "financial-planning-and-management",
        "Financial planning and management",
        "Whether the council understands its finances, has a credible medium-term plan and "
        "manages its money well. Here: whether digital investment is planned, delivers the "
        "savings expected, and the council gets value from its technology spend.",
        [
            (
                "savings-from-digital",
                "Are the savings from digital change planned and delivered?",
                [
                    "Does the medium-term financial plan show the savings digital change is "
                    "expected to deliver, and are they tracked?",
                    "Which savings from digital projects have been delivered, and which are "
                    "still only planned?",
                    "How is investment in digital decided against other calls on the budget?",
                ],
            ),
            (
                "value-from-technology-spend",
                "Does the council get value for money from its technology and suppliers?",
                [
                    "Does the council know what it spends on technology each year, and on "
                    "which contracts?",
                    "When do the main technology contracts end, and what is the plan for each?",
                    "How does the council avoid being locked in to one supplier's systems?",
                    "Does the council buy with other councils, or reuse what they have built?",
                ],
            ),
        ],
    ),
    (
        "capacity-for-improvement",
        "Capacity for improvement",
        "Whether the council has the capacity, skills and plans to improve and to deliver "
        "its ambitions. Here: whether it has the people, skills and ways of working to "
        "commission and run digital services and keep improving them.",
        [
            (
                "digital-skills",
                "Does the council have the digital skills it needs?",
                [
                    "Does the council have the skills to commission and run digital services, "
                    "and a plan to build them?",
                    "Which skills does the council rely on suppliers or interims for, and is "
                    "that a choice?",
                    "How are staff and councillors helped to build their digital confidence?",
                ],
            ),
            (
                "delivering-change",
                "Can the council deliver digital change and keep improving services?",
                [
                    "How many digital projects are running, and does the council have the "
                    "capacity to deliver them all?",
                    "How are services kept improving once a project ends?",
                    "How does the council measure whether a change has worked for residents?",
                ],
            ),
            (
                "learning-from-others",
                "Does the council learn from and reuse what works elsewhere?",
                [
                    "Before starting a project, how does the council find out what other "
                    "councils have already done?",
                    "Which good practice from elsewhere has the council adopted, and what "
                    "happened?",
                    "What has the council shared with other councils that they could reuse?",
                ],
            ),
        ],
    ),
]


def load_framework_v1(apps, schema_editor):
    EnquiryFramework = apps.get_model("peer_challenge", "EnquiryFramework")
    CoreElement = apps.get_model("peer_challenge", "CoreElement")
    LineOfEnquiry = apps.get_model("peer_challenge", "LineOfEnquiry")
    if EnquiryFramework.objects.filter(version=1).exists():
        return
    framework = EnquiryFramework.objects.create(
        version=1,
        title="Digital lines of enquiry",
        introduction=INTRODUCTION,
        status="published",
        published_at=timezone.now(),
        change_note="The first version.",
    )
    for order, (code, title, description, lines) in enumerate(ELEMENTS, start=1):
        element = CoreElement.objects.create(
            framework=framework, code=code, title=title, description=description, order=order
        )
        LineOfEnquiry.objects.bulk_create(
            LineOfEnquiry(
                element=element,
                code=line_code,
                title=line_title,
                prompts="\n".join(f"- {prompt}" for prompt in prompts),
                order=number,
            )
            for number, (line_code, line_title, prompts) in enumerate(lines, start=1)
        )


def remove_framework_v1(apps, schema_editor):
    EnquiryFramework = apps.get_model("peer_challenge", "EnquiryFramework")
    EnquiryFramework.objects.filter(version=1, challenges__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("peer_challenge", "0001_initial")]

    operations = [migrations.RunPython(load_framework_v1, remove_framework_v1)]
