"""Factories for the self-assessment (fictional content).

`FrameworkFactory()` is a published framework with the six capabilities (the academies'
learning outcome codes), `questions` questions each (2 by default) and five levels a question.
`AssessmentFactory(organisation=...)` is an open assessment on a new published framework
unless `framework=` is given. `TeamMemberFactory(assessment=..., is_lead=True)` adds someone
with an account and a register person in the assessment's organisation.
`answer_all(member, score)` answers every question (an int, or {capability code: int}) and
submits.
"""

import factory
from django.utils import timezone

from hub.assessment.models import (
    Answer,
    Assessment,
    Capability,
    Framework,
    FrameworkStatus,
    Level,
    Question,
    TeamMember,
    TeamRole,
)
from hub.organisations.models import RoleType
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory

CAPABILITY_CODES = [
    ("what-digital-can-do", "What digital can do"),
    ("market-and-value-for-money", "The market and value for money"),
    ("user-insight-first", "Applying digital, starting with user insight"),
    ("where-investment-delivered", "Where digital investment has delivered"),
    ("resources-and-skills", "The resources and skills needed"),
    ("spotting-opportunities", "Spotting opportunities to apply digital"),
]
LEVEL_LABELS = ["Not started", "Emerging", "Developing", "Established", "Leading"]


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        skip_postgeneration_save = True

    version = factory.Sequence(lambda n: 100 + n)
    title = "Digital leadership self-assessment"
    status = FrameworkStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (code, title) in enumerate(CAPABILITY_CODES):
            capability = Capability.objects.create(
                framework=self, code=code, title=title, description=f"About {title}.", order=order
            )
            for number in range(extracted if extracted is not None else 2):
                question = Question.objects.create(
                    capability=capability,
                    text=f"{title}: question {number + 1}",
                    order=number,
                )
                Level.objects.bulk_create(
                    Level(
                        question=question,
                        score=score,
                        label=LEVEL_LABELS[score - 1],
                        descriptor=f"At level {score}, the team {LEVEL_LABELS[score - 1].lower()}.",
                    )
                    for score in range(1, 6)
                )


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    framework = factory.SubFactory(FrameworkFactory)
    title = factory.LazyAttribute(lambda o: f"Digital leadership {o.organisation.short_name}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember
        exclude = ["role"]

    assessment = factory.SubFactory(AssessmentFactory)
    role = TeamRole.OFFICER
    team_role = factory.SelfAttribute("role")
    person = factory.LazyAttribute(
        lambda o: PersonFactory(
            organisation=o.assessment.organisation,
            role_type=RoleType.COUNCILLOR if o.role == TeamRole.COUNCILLOR else RoleType.OFFICER,
        )
    )
    user = factory.LazyAttribute(lambda o: o.person.user)
    is_lead = False


def answer_all(member: TeamMember, score, *, submit: bool = True) -> None:
    """Answer every question of the member's framework: `score` is an int, or a dict of
    capability code to int."""
    questions = Question.objects.filter(
        capability__framework=member.assessment.framework
    ).select_related("capability")
    Answer.objects.bulk_create(
        Answer(
            member=member,
            question=question,
            score=score[question.capability.code] if isinstance(score, dict) else score,
        )
        for question in questions
    )
    if submit:
        member.submitted_at = timezone.now()
        member.save(update_fields=["submitted_at"])
