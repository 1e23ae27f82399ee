"""The impact survey: each participant's confidence on the six learning outcomes at the start and
the end of their cohort, and the cohort's results.

The start survey is open from enrolment until the second session has ended; the end survey from
the start of the last session until 60 days after it. A cohort with no sessions yet has only
the start survey open. One response a stage, changed as often as wanted while it is open.

Results are only ever aggregates, and a stage with fewer than MIN_ANSWERS answers is not shown,
so nobody's answer can be picked out.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from hub.academies.models import (
    Enrolment,
    LearningOutcome,
    Session,
    SurveyAnswer,
    SurveyResponse,
    SurveyStage,
)

END_SURVEY_OPEN_DAYS = 60
# Fewer answers than this and a mean could reveal what one person said.
MIN_ANSWERS = 3
TOO_FEW_ANSWERS = "Too few answers to show without identifying people"

CONFIDENCE_LEVELS = [
    (1, "Not at all confident"),
    (2, "Slightly confident"),
    (3, "Somewhat confident"),
    (4, "Confident"),
    (5, "Very confident"),
]


class SurveyError(Exception):
    """A survey answer the rules do not allow; the message says why, for the participant."""


@dataclass(frozen=True)
class SurveyWindow:
    stage: str
    opens_at: datetime | None
    # None: no closing date yet (the sessions that set it are not scheduled).
    closes_at: datetime | None
    # None when the survey cannot open yet (the end survey of a cohort with no sessions).
    available: bool = True

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.available:
            return False
        if self.opens_at is not None and now < self.opens_at:
            return False
        return self.closes_at is None or now <= self.closes_at

    def explanation(self, now: datetime | None = None) -> str:
        """Why the survey is open or closed, in a sentence."""
        now = now or timezone.now()
        name = "start" if self.stage == SurveyStage.START else "end"
        if not self.available:
            return f"The {name} survey opens at the last session, once the sessions are set."
        if self.opens_at is not None and now < self.opens_at:
            return f"The {name} survey opens on {_when(self.opens_at)}."
        if self.closes_at is not None and now > self.closes_at:
            return f"The {name} survey closed on {_when(self.closes_at)}."
        if self.closes_at is None:
            return f"The {name} survey is open."
        return f"The {name} survey is open until {_when(self.closes_at)}."


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, g:i a")


def survey_window(enrolment: Enrolment, stage: str) -> SurveyWindow:
    sessions = list(
        Session.objects.filter(cohort_id=enrolment.cohort_id)
        .order_by("starts_at", "number")
        .only("starts_at", "ends_at")
    )
    if stage == SurveyStage.START:
        opens_at = enrolment.enrolled_at or enrolment.created_at
        closes_at = sessions[1].ends_at if len(sessions) >= 2 else None
        return SurveyWindow(stage=stage, opens_at=opens_at, closes_at=closes_at)
    if not sessions:
        return SurveyWindow(stage=stage, opens_at=None, closes_at=None, available=False)
    last = sessions[-1]
    return SurveyWindow(
        stage=stage,
        opens_at=last.starts_at,
        closes_at=last.ends_at + timedelta(days=END_SURVEY_OPEN_DAYS),
    )


def existing_answers(enrolment: Enrolment, stage: str) -> dict[int, int] | None:
    """Outcome id to confidence of the participant's response at `stage`, or None if none."""
    response = SurveyResponse.objects.filter(enrolment=enrolment, stage=stage).first()
    if response is None:
        return None
    return dict(response.answers.values_list("outcome_id", "confidence"))


@transaction.atomic
def survey_answer(
    *, enrolment: Enrolment, stage: str, confidence: dict[int, int], now: datetime | None = None
) -> SurveyResponse:
    """Record (or change) the participant's confidence on every learning outcome at `stage`.

    `confidence` maps each LearningOutcome id to 1-5. Raises SurveyError when the survey is
    not open, the place is not held, or an outcome is missing or out of range.
    """
    if stage not in SurveyStage.values:
        raise SurveyError("There is no such survey.")
    if not enrolment.holds_place:
        raise SurveyError("Only participants with a place on the cohort can answer its survey.")
    window = survey_window(enrolment, stage)
    if not window.is_open(now):
        raise SurveyError(window.explanation(now))
    outcome_ids = set(LearningOutcome.objects.values_list("pk", flat=True))
    if set(confidence) != outcome_ids:
        raise SurveyError("Answer the question for every learning outcome.")
    if any(value not in range(1, 6) for value in confidence.values()):
        raise SurveyError("Confidence must be from 1 to 5.")
    response, created = SurveyResponse.objects.get_or_create(enrolment=enrolment, stage=stage)
    if not created:
        response.save(update_fields=["updated_at"])
        response.answers.all().delete()
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, outcome_id=outcome_id, confidence=value)
        for outcome_id, value in confidence.items()
    )
    return response


# Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageResult:
    answers: int
    # None when there are too few answers to show it.
    mean: float | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class OutcomeResult:
    outcome: LearningOutcome
    start: StageResult
    end: StageResult

    @property
    def change(self) -> float | None:
        if self.start.shown and self.end.shown:
            return self.end.mean - self.start.mean
        return None


@dataclass(frozen=True)
class ImpactResults:
    # Every answer given at each stage.
    everyone: list[OutcomeResult]
    # Only participants who answered at both stages: the same people, start and end.
    matched: list[OutcomeResult]
    start_responses: int
    end_responses: int
    matched_participants: int


def _stage_result(values: list[int]) -> StageResult:
    if len(values) < MIN_ANSWERS:
        return StageResult(answers=len(values), mean=None)
    return StageResult(answers=len(values), mean=fmean(values))


def impact_results(cohort) -> ImpactResults:
    """Means of confidence per learning outcome and stage, for all answers and matched pairs.

    Withdrawn participants' answers still count: they were given, and the matched view
    compares only people who answered both surveys.
    """
    rows = SurveyAnswer.objects.filter(response__enrolment__cohort=cohort).values_list(
        "response__enrolment_id", "response__stage", "outcome_id", "confidence"
    )
    # (outcome, stage) -> {enrolment: confidence}
    given: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    responses: dict[str, set[int]] = defaultdict(set)
    for enrolment_id, stage, outcome_id, value in rows:
        given[(outcome_id, stage)][enrolment_id] = value
        responses[stage].add(enrolment_id)
    both = responses[SurveyStage.START] & responses[SurveyStage.END]

    everyone, matched = [], []
    for outcome in LearningOutcome.objects.all():
        start = given[(outcome.pk, SurveyStage.START)]
        end = given[(outcome.pk, SurveyStage.END)]
        everyone.append(
            OutcomeResult(
                outcome=outcome,
                start=_stage_result(list(start.values())),
                end=_stage_result(list(end.values())),
            )
        )
        pairs = sorted(set(start) & set(end) & both)
        matched.append(
            OutcomeResult(
                outcome=outcome,
                start=_stage_result([start[pk] for pk in pairs]),
                end=_stage_result([end[pk] for pk in pairs]),
            )
        )
    return ImpactResults(
        everyone=everyone,
        matched=matched,
        start_responses=len(responses[SurveyStage.START]),
        end_responses=len(responses[SurveyStage.END]),
        matched_participants=len(both),
    )


def format_mean(value: float | None) -> str:
    return TOO_FEW_ANSWERS if value is None else f"{value:.1f}"


def format_change(value: float | None) -> str:
    if value is None:
        return "Not available"
    return f"{value:+.1f}"
