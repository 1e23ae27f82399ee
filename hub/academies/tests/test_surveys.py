"""The impact survey's rules (when each stage is open, one response a stage, changing it) and
its results (means per outcome, the matched comparison, hiding small numbers)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.academies import surveys
from hub.academies.models import (
    EnrolmentStatus,
    LearningOutcome,
    SurveyAnswer,
    SurveyResponse,
    SurveyStage,
)
from hub.academies.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    SessionFactory,
    london_at,
)

pytestmark = pytest.mark.django_db


def _all(value: int) -> dict[int, int]:
    return dict.fromkeys(LearningOutcome.objects.values_list("pk", flat=True), value)


def _answer(enrolment, stage, values, now=None):
    """`values`: one confidence for every outcome, or a list in the outcomes' order."""
    outcomes = list(LearningOutcome.objects.values_list("pk", flat=True))
    if isinstance(values, int):
        values = [values] * len(outcomes)
    return surveys.survey_answer(
        enrolment=enrolment,
        stage=stage,
        confidence=dict(zip(outcomes, values, strict=True)),
        now=now,
    )


def _cohort_with_sessions(first_day: int, count: int = 6, gap: int = 30):
    cohort = CohortFactory()
    for number in range(1, count + 1):
        day = first_day + gap * (number - 1)
        SessionFactory(cohort=cohort, number=number, starts_at=london_at(day, 10))
    return cohort


# When each survey is open ----------------------------------------------------------------


def test_start_survey_opens_at_enrolment_and_closes_when_the_second_session_ends():
    cohort = _cohort_with_sessions(first_day=10)
    enrolment = EnrolmentFactory(cohort=cohort)
    window = surveys.survey_window(enrolment, SurveyStage.START)
    second = cohort.sessions.get(number=2)
    assert window.opens_at == enrolment.enrolled_at
    assert window.closes_at == second.ends_at
    assert window.is_open()
    assert not window.is_open(second.ends_at + timedelta(minutes=1))
    assert not window.is_open(enrolment.enrolled_at - timedelta(minutes=1))
    assert "closed" in window.explanation(second.ends_at + timedelta(minutes=1))


def test_end_survey_opens_at_the_start_of_the_last_session_for_60_days_after_it():
    cohort = _cohort_with_sessions(first_day=10)
    enrolment = EnrolmentFactory(cohort=cohort)
    last = cohort.sessions.get(number=6)
    window = surveys.survey_window(enrolment, SurveyStage.END)
    assert not window.is_open()
    assert "opens on" in window.explanation()
    assert window.is_open(last.starts_at)
    assert window.is_open(last.ends_at + timedelta(days=60))
    assert not window.is_open(last.ends_at + timedelta(days=60, minutes=1))


def test_without_sessions_only_the_start_survey_is_open():
    enrolment = EnrolmentFactory(cohort=CohortFactory())
    assert surveys.survey_window(enrolment, SurveyStage.START).is_open()
    end = surveys.survey_window(enrolment, SurveyStage.END)
    assert not end.is_open()
    assert "once the sessions are set" in end.explanation()
    with pytest.raises(surveys.SurveyError, match="once the sessions are set"):
        _answer(enrolment, SurveyStage.END, 3)


# Answering -------------------------------------------------------------------------------


def test_one_response_a_stage_changed_while_open():
    enrolment = EnrolmentFactory(cohort=CohortFactory())
    first = _answer(enrolment, SurveyStage.START, 2)
    second = _answer(enrolment, SurveyStage.START, [1, 2, 3, 4, 5, 5])
    assert first.pk == second.pk
    assert SurveyResponse.objects.filter(enrolment=enrolment).count() == 1
    assert list(
        SurveyAnswer.objects.filter(response=second)
        .order_by("outcome__order")
        .values_list("confidence", flat=True)
    ) == [1, 2, 3, 4, 5, 5]


def test_a_closed_survey_cannot_be_answered_or_changed():
    cohort = _cohort_with_sessions(first_day=-70)  # sessions 1 and 2 are over
    enrolment = EnrolmentFactory(cohort=cohort, enrolled_at=london_at(-80))
    with pytest.raises(surveys.SurveyError, match="closed"):
        _answer(enrolment, SurveyStage.START, 3)
    assert not SurveyResponse.objects.exists()


def test_every_outcome_must_be_answered_within_range():
    enrolment = EnrolmentFactory(cohort=CohortFactory())
    partial = _all(3)
    partial.popitem()
    with pytest.raises(surveys.SurveyError, match="every learning outcome"):
        surveys.survey_answer(enrolment=enrolment, stage=SurveyStage.START, confidence=partial)
    with pytest.raises(surveys.SurveyError, match="from 1 to 5"):
        surveys.survey_answer(enrolment=enrolment, stage=SurveyStage.START, confidence=_all(6))
    assert not SurveyResponse.objects.exists()


def test_only_a_participant_holding_a_place_can_answer():
    enrolment = EnrolmentFactory(cohort=CohortFactory(), status=EnrolmentStatus.WITHDRAWN)
    with pytest.raises(surveys.SurveyError, match="place on the cohort"):
        _answer(enrolment, SurveyStage.START, 3)


# Results ---------------------------------------------------------------------------------


def _answered(cohort, start=None, end=None):
    """An enrolment whose responses are saved directly (the windows are tested above)."""
    enrolment = EnrolmentFactory(cohort=cohort)
    outcomes = list(LearningOutcome.objects.all())
    for stage, values in ((SurveyStage.START, start), (SurveyStage.END, end)):
        if values is None:
            continue
        if isinstance(values, int):
            values = [values] * len(outcomes)
        response = SurveyResponse.objects.create(enrolment=enrolment, stage=stage)
        for outcome, value in zip(outcomes, values, strict=True):
            SurveyAnswer.objects.create(response=response, outcome=outcome, confidence=value)
    return enrolment


def test_means_per_outcome_and_the_matched_comparison():
    cohort = CohortFactory()
    # Outcome 1 values by person (start, end); person E answered only the start survey and
    # person F only the end one.
    _answered(cohort, start=[1, 2, 2, 2, 2, 2], end=[4, 4, 4, 4, 4, 4])  # A
    _answered(cohort, start=[2, 2, 2, 2, 2, 2], end=[3, 4, 4, 4, 4, 4])  # B
    _answered(cohort, start=[3, 2, 2, 2, 2, 2], end=[5, 4, 4, 4, 4, 4])  # C
    _answered(cohort, start=[5, 2, 2, 2, 2, 2])  # E
    _answered(cohort, end=[1, 4, 4, 4, 4, 4])  # F
    _answered(CohortFactory(), start=5, end=5)  # another cohort: not counted

    results = surveys.impact_results(cohort)
    first = results.everyone[0]
    assert first.outcome == LearningOutcome.objects.first()
    # Worked by hand: start (1+2+3+5)/4 = 2.75, end (4+3+5+1)/4 = 3.25.
    assert (first.start.answers, first.end.answers) == (4, 4)
    assert first.start.mean == pytest.approx(2.75)
    assert first.end.mean == pytest.approx(3.25)
    assert first.change == pytest.approx(0.5)
    # Matched: only A, B and C: start (1+2+3)/3 = 2, end (4+3+5)/3 = 4.
    matched = results.matched[0]
    assert (matched.start.answers, matched.end.answers) == (3, 3)
    assert matched.start.mean == pytest.approx(2.0)
    assert matched.end.mean == pytest.approx(4.0)
    assert matched.change == pytest.approx(2.0)
    assert results.everyone[1].start.mean == pytest.approx(2.0)
    assert results.everyone[1].end.mean == pytest.approx(4.0)
    assert (results.start_responses, results.end_responses) == (4, 4)
    assert results.matched_participants == 3
    assert len(results.everyone) == len(results.matched) == 6


def test_a_stage_with_fewer_than_three_answers_is_not_shown():
    cohort = CohortFactory()
    _answered(cohort, start=4, end=2)
    _answered(cohort, start=4, end=3)
    _answered(cohort, start=5)
    results = surveys.impact_results(cohort)
    row = results.everyone[0]
    assert row.start.shown
    assert row.start.mean == pytest.approx(13 / 3)
    assert not row.end.shown
    assert row.end.answers == 2
    assert row.change is None
    assert not results.matched[0].start.shown
    assert not results.matched[0].end.shown
    assert surveys.format_mean(row.end.mean) == surveys.TOO_FEW_ANSWERS


def test_no_answers_at_all():
    results = surveys.impact_results(CohortFactory())
    assert all(not r.start.shown and not r.end.shown for r in results.everyone)
    assert results.matched_participants == 0


def test_format_change_shows_the_sign():
    assert surveys.format_change(0.5) == "+0.5"
    assert surveys.format_change(-1.25) == "-1.2"
    assert surveys.format_change(None) == "Not available"


def test_survey_window_uses_when_they_enrolled():
    late = timezone.now() + timedelta(days=3)
    enrolment = EnrolmentFactory(cohort=CohortFactory(), enrolled_at=late)
    assert not surveys.survey_window(enrolment, SurveyStage.START).is_open()
