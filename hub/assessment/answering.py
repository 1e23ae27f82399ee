"""Running an assessment: starting it for the starter's organisation, the team, each member's
answers, submitting them, closing the assessment, and movement since the last one.

Each member answers on their own. Once a member submits, their answers are final: results
count only submitted answers, so what the team has seen never changes under it. An
assessment closes when its lead says so and at least one member has submitted; a closed one
takes no more answers or members."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hub.assessment import framework as frameworks
from hub.assessment.models import (
    SCALE_TOP,
    Answer,
    Assessment,
    AssessmentStatus,
    Capability,
    Question,
    TeamMember,
    TeamRole,
)
from hub.assessment.scoring import capability_scores, scores_by_code
from hub.core.notify import absolute_url, email_on_commit
from hub.organisations.models import Person, RoleType


class AssessmentError(Exception):
    """A change to an assessment, its team or answers that the rules refuse."""


# Reading -------------------------------------------------------------------------------------


def assessments_of(user) -> QuerySet[Assessment]:
    """The assessments the user is on the team of, newest first."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(members__user=user)
        .select_related("organisation", "framework")
        .annotate(
            member_count=Count("members", distinct=True),
            submitted_count=Count(
                "members", filter=Q(members__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "pk")
    )


def team(assessment: Assessment) -> QuerySet[TeamMember]:
    """The team, lead first, each with how many questions they have answered."""
    return assessment.members.select_related("person", "user").annotate(answered=Count("answers"))


def questions_of(assessment: Assessment) -> QuerySet[Question]:
    return Question.objects.filter(capability__framework=assessment.framework).order_by(
        "capability__order", "capability__pk", "order", "pk"
    )


def capabilities_of(assessment: Assessment) -> list[Capability]:
    return frameworks.with_content(assessment.framework)


def own_answers(member: TeamMember) -> dict[int, int]:
    """{question id: score} of the member's answers (for their own forms only)."""
    return dict(member.answers.values_list("question_id", "score"))


def first_unanswered(member: TeamMember) -> Capability | None:
    """The first capability with a question the member has not answered."""
    answered = set(member.answers.values_list("question_id", flat=True))
    for question in questions_of(member.assessment).select_related("capability"):
        if question.pk not in answered:
            return question.capability
    return None


def unanswered_count(member: TeamMember) -> int:
    return questions_of(member.assessment).exclude(answers__member=member).count()


def eligible_people(assessment: Assessment) -> QuerySet[Person]:
    """People who may join the team: of the assessment's organisation, with an account, not
    already on it."""
    return (
        Person.objects.filter(organisation=assessment.organisation, user__isnull=False)
        .exclude(user__assessment_memberships__assessment=assessment)
        .select_related("organisation", "user")
        .order_by("full_name", "pk")
    )


# Starting and the team -----------------------------------------------------------------------


def _team_role(person: Person) -> str:
    return TeamRole.COUNCILLOR if person.role_type == RoleType.COUNCILLOR else TeamRole.OFFICER


@transaction.atomic
def assessment_start(*, user, title: str) -> Assessment:
    """A new open assessment of the user's organisation on the published framework; the
    user leads it."""
    person = getattr(user, "person", None)
    if person is None:
        raise AssessmentError("Add your organisation to your account before you start")
    framework = frameworks.current_framework()
    if framework is None:
        raise AssessmentError("The self-assessment is not available yet: no framework is published")
    assessment = Assessment.objects.create(
        organisation=person.organisation,
        framework=framework,
        title=title,
        created_by=user,
    )
    TeamMember.objects.create(
        assessment=assessment,
        user=user,
        person=person,
        team_role=_team_role(person),
        is_lead=True,
    )
    return assessment


def _locked(pk: int) -> Assessment:
    """The assessment as it is now, locked until the change commits (it may have closed
    since the caller loaded it)."""
    return Assessment.objects.select_for_update().select_related("organisation").get(pk=pk)


def _require_open(assessment: Assessment) -> None:
    if not assessment.is_open:
        raise AssessmentError("This assessment is closed")


@transaction.atomic
def team_member_add(*, assessment: Assessment, person: Person, by) -> TeamMember:
    """Add someone of the assessment's organisation who has an account, and email them."""
    assessment = _locked(assessment.pk)
    _require_open(assessment)
    if person.organisation_id != assessment.organisation_id:
        raise AssessmentError(f"{person.full_name} is not from {assessment.organisation.name}")
    if person.user_id is None:
        raise AssessmentError(f"{person.full_name} needs an account on the Hub to take part")
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(
                assessment=assessment,
                user_id=person.user_id,
                person=person,
                team_role=_team_role(person),
            )
    except IntegrityError as error:
        raise AssessmentError(f"{person.full_name} is already on the team") from error
    inviter = getattr(getattr(by, "person", None), "full_name", None) or "The team's lead"
    link = absolute_url(reverse("assessment:answer-start", args=[assessment.pk]))
    email_on_commit(
        to=[person.user.email],
        subject=f"You are on the team for {assessment.title}",
        body=(
            f"{inviter} has added you to the leadership team answering "
            f"“{assessment.title}”, the digital leadership self-assessment of "
            f"{assessment.organisation.name}.\n\n"
            "Answer on your own: the team then sees where it agrees and differs, and nobody "
            "outside the team sees your answers.\n\n"
            f"Start answering: {link}\n"
        ),
    )
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember) -> None:
    """Take someone off the team, with their answers. The lead stays."""
    _require_open(_locked(member.assessment_id))
    if member.is_lead:
        raise AssessmentError("The lead cannot be removed from the team")
    member.delete()


# Answers -------------------------------------------------------------------------------------


def _require_answerable(member: TeamMember) -> None:
    _require_open(member.assessment)
    if member.has_submitted:
        raise AssessmentError("You have submitted your answers, so they can no longer change")


@transaction.atomic
def answers_save(*, member: TeamMember, capability: Capability, scores: dict[int, int]) -> None:
    """Save the member's answers to one capability's questions ({question id: score})."""
    member = TeamMember.objects.select_for_update().select_related("assessment").get(pk=member.pk)
    _require_answerable(member)
    if capability.framework_id != member.assessment.framework_id:
        raise AssessmentError("That capability is not part of this assessment")
    question_ids = set(capability.questions.values_list("pk", flat=True))
    for question_id, score in scores.items():
        if question_id not in question_ids:
            raise AssessmentError("That question is not part of this capability")
        if not 1 <= score <= SCALE_TOP:
            raise AssessmentError(f"Choose a level from 1 to {SCALE_TOP}")
        Answer.objects.update_or_create(
            member=member, question_id=question_id, defaults={"score": score}
        )


@transaction.atomic
def answers_submit(*, member: TeamMember) -> TeamMember:
    member = TeamMember.objects.select_for_update().select_related("assessment").get(pk=member.pk)
    _require_answerable(member)
    missing = unanswered_count(member)
    if missing:
        raise AssessmentError(
            f"Answer every question before you submit: {missing} "
            f"question{'s' if missing != 1 else ''} still to answer"
        )
    member.submitted_at = timezone.now()
    member.save(update_fields=["submitted_at", "updated_at"])
    return member


# Closing and movement ------------------------------------------------------------------------


@transaction.atomic
def assessment_close(*, assessment: Assessment) -> Assessment:
    assessment = _locked(assessment.pk)
    _require_open(assessment)
    if not assessment.members.filter(submitted_at__isnull=False).exists():
        raise AssessmentError(
            "At least one member of the team must submit their answers before it closes"
        )
    assessment.status = AssessmentStatus.CLOSED
    assessment.closed_at = timezone.now()
    assessment.save(update_fields=["status", "closed_at", "updated_at"])
    return assessment


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The organisation's latest assessment closed before this one closed (or before now,
    while this one is open)."""
    before = assessment.closed_at or timezone.now()
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            status=AssessmentStatus.CLOSED,
            closed_at__lt=before,
        )
        .exclude(pk=assessment.pk)
        .order_by("-closed_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Movement:
    code: str
    title: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def movement(assessment: Assessment, scores) -> tuple[Assessment | None, list[Movement]]:
    """Each capability's change in points since the previous assessment (matched by code,
    so across framework versions), or (None, []) when there is none."""
    previous = previous_assessment(assessment)
    if previous is None:
        return None, []
    before = scores_by_code([previous]).get(previous.pk, {})
    return previous, [
        Movement(score.code, score.title, before.get(score.code), score.score) for score in scores
    ]


# Results -------------------------------------------------------------------------------------

# How many of the lowest-scoring capabilities the results page highlights.
WEAKEST_COUNT = 2


@dataclass(frozen=True)
class QuestionSpread:
    """How the team answered one question: the range and how many chose each level, with
    nobody named."""

    text: str
    lowest: int | None
    highest: int | None
    counts: list[tuple[int, int]]
    differs: bool


@dataclass
class TeamResults:
    scores: list  # scoring.CapabilityScore, in framework order
    submitted: int
    weakest_codes: set[str]
    spreads: dict[str, list[QuestionSpread]]
    previous: Assessment | None
    movements: list[Movement]

    @property
    def weakest(self) -> list:
        return [score for score in self.scores if score.code in self.weakest_codes]


def team_results(assessment: Assessment) -> TeamResults:
    """Everything the results page shows, from submitted answers only."""
    scores = capability_scores(assessment)
    submitted = assessment.members.filter(submitted_at__isnull=False).count()
    scored = sorted(
        (score for score in scores if score.score is not None), key=lambda s: (s.score, s.order)
    )
    spreads = {
        score.code: [
            QuestionSpread(
                text=question.text,
                lowest=min(question.scores) if question.scores else None,
                highest=max(question.scores) if question.scores else None,
                counts=[(level, question.scores.count(level)) for level in range(1, SCALE_TOP + 1)],
                differs=question.differs,
            )
            for question in score.questions
        ]
        for score in scores
    }
    previous, movements = movement(assessment, scores)
    return TeamResults(
        scores=scores,
        submitted=submitted,
        weakest_codes={score.code for score in scored[:WEAKEST_COUNT]},
        spreads=spreads,
        previous=previous,
        movements=movements,
    )
