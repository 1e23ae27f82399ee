"""The completion rules, awarding certificates and what a certificate says."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.academies import completion
from hub.academies.models import (
    AttendanceStatus,
    EnrolmentStatus,
    LearningOutcome,
)
from hub.academies.tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    PlanFactory,
    SessionFactory,
    london_at,
)

pytestmark = pytest.mark.django_db

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def _finished_cohort(sessions: int = 6, **fields):
    """A cohort whose `sessions` sessions were monthly and are all over."""
    cohort = CohortFactory(**fields)
    for number in range(1, sessions + 1):
        SessionFactory(
            cohort=cohort, number=number, starts_at=london_at(-30 * (sessions - number + 1))
        )
    return cohort


def _participant(cohort, marks, *, plan=True, **fields):
    """An enrolment with attendance `marks` for the first sessions in order."""
    enrolment = EnrolmentFactory(cohort=cohort, enrolled_at=london_at(-400), **fields)
    for session, status in zip(cohort.sessions.order_by("number"), marks, strict=False):
        AttendanceFactory(session=session, enrolment=enrolment, status=status)
    if plan:
        PlanFactory(enrolment=enrolment)
    return enrolment


def _rules(status):
    return {rule.code: rule for rule in status.rules}


def test_a_participant_meeting_every_rule_completes():
    cohort = _finished_cohort()
    status = completion.completion_status(_participant(cohort, [P, P, L, P, A, P]))
    assert status.met
    rules = _rules(status)
    assert list(rules) == ["attendance", "attended_one", "plan", "last_session"]
    assert rules["attendance"].reason.startswith("Attended 5 of the 6 sessions that count (83%)")
    assert "submitted on" in rules["plan"].reason


def test_75_percent_is_enough_and_less_is_not():
    cohort = _finished_cohort(sessions=8)
    six_of_eight = completion.completion_status(_participant(cohort, [P] * 6 + [A] * 2))
    assert six_of_eight.met
    five_of_eight = completion.completion_status(_participant(cohort, [P] * 5 + [A] * 3))
    assert not five_of_eight.met
    assert [rule.code for rule in five_of_eight.unmet] == ["attendance"]
    assert "(62%)" in five_of_eight.unmet[0].reason


def test_excused_sessions_are_not_counted_against_them():
    cohort = _finished_cohort()
    # 3 attended of 4 that count (75%): two excused are left out.
    status = completion.completion_status(_participant(cohort, [P, E, P, E, P, A]))
    assert status.met
    assert "2 excused sessions are not counted" in _rules(status)["attendance"].reason


def test_sessions_before_a_late_enrolment_do_not_count():
    cohort = _finished_cohort()
    enrolment = _participant(
        cohort,
        [AttendanceStatus.NOT_YET_ENROLLED] * 2 + [P, P, P, A],
        status=EnrolmentStatus.ENROLLED_LATE,
    )
    status = completion.completion_status(enrolment)
    assert status.met
    assert "3 of the 4 sessions" in _rules(status)["attendance"].reason


def test_a_session_without_a_record_counts_against_them_and_says_so():
    cohort = _finished_cohort()
    status = completion.completion_status(_participant(cohort, [P, P, P, P]))
    assert not status.met
    reason = _rules(status)["attendance"].reason
    assert "4 of the 6" in reason
    assert "2 held sessions have no attendance recorded yet" in reason


def test_attending_nothing_fails_both_attendance_rules():
    cohort = _finished_cohort(sessions=2)
    status = completion.completion_status(_participant(cohort, [E, E]))
    rules = _rules(status)
    assert not rules["attendance"].met
    assert "No sessions that count" in rules["attendance"].reason
    assert not rules["attended_one"].met
    assert rules["attended_one"].reason == "No session attended yet."


def test_the_plan_must_be_submitted():
    cohort = _finished_cohort()
    without = completion.completion_status(_participant(cohort, [P] * 6, plan=False))
    assert _rules(without)["plan"].reason == "The 100-day plan has not been started."
    draft = _participant(cohort, [P] * 6, plan=False)
    PlanFactory(enrolment=draft, submitted_at=None)
    status = completion.completion_status(draft)
    assert [rule.code for rule in status.unmet] == ["plan"]
    assert "not submitted yet" in status.unmet[0].reason


def test_nobody_completes_before_the_last_session_has_happened():
    cohort = _finished_cohort()
    SessionFactory(cohort=cohort, number=7, starts_at=london_at(20))
    status = completion.completion_status(_participant(cohort, [P] * 6))
    assert [rule.code for rule in status.unmet] == ["last_session"]
    assert "The last session is on" in status.unmet[0].reason
    no_sessions = completion.completion_status(EnrolmentFactory(cohort=CohortFactory()))
    assert _rules(no_sessions)["last_session"].reason == "The cohort has no sessions yet."


def test_cohort_completion_agrees_with_each_participant_and_leaves_out_the_withdrawn():
    cohort = _finished_cohort()
    done = _participant(cohort, [P] * 6)
    short = _participant(cohort, [P, A, A, A, A, A])
    _participant(cohort, [P] * 6, status=EnrolmentStatus.WITHDRAWN)
    statuses = {s.enrolment.pk: s for s in completion.cohort_completion(cohort)}
    assert set(statuses) == {done.pk, short.pk}
    for enrolment in (done, short):
        alone = completion.completion_status(enrolment)
        assert statuses[enrolment.pk].rules == alone.rules


def test_awarding_certificates_is_idempotent_and_emails_each_once(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    cohort = _finished_cohort()
    done = _participant(cohort, [P] * 6)
    short = _participant(cohort, [P, A, A, A, A, A])
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        awarded = completion.award_certificates(cohort=cohort, now=now)
    assert [e.pk for e in awarded] == [done.pk]
    done.refresh_from_db()
    assert done.status == EnrolmentStatus.COMPLETED
    assert done.completed_at == now
    assert done.certificate_number == f"DA-{timezone.localtime(now).year}-{done.pk:06d}"
    short.refresh_from_db()
    assert short.status == EnrolmentStatus.ENROLLED
    assert short.certificate_number == ""
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [done.user.email]
    assert f"/academies/cohorts/{cohort.slug}/certificate.pdf" in mailoutbox[0].body
    assert done.certificate_number in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = completion.award_certificates(cohort=cohort, now=now + timedelta(days=1))
    assert again == []
    done.refresh_from_db()
    assert done.completed_at == now
    assert len(mailoutbox) == 1


def test_certificate_numbers_name_the_academy():
    member = EnrolmentFactory(cohort=CohortFactory(member=True))
    assert completion.certificate_number(member, 2026) == f"MLA-2026-{member.pk:06d}"


def test_the_certificate_gives_dates_sessions_attended_and_outcomes_covered():
    cohort = _finished_cohort(sessions=3)
    outcomes = list(LearningOutcome.objects.all()[:2])
    module = ModuleFactory(outcomes=outcomes)
    first = cohort.sessions.get(number=1)
    first.module = module
    first.save()
    enrolment = _participant(cohort, [P, L, A])
    info = completion.certificate(enrolment)
    assert info.sessions_attended == 2
    assert info.first_day == first.starts_at
    assert info.last_day == cohort.sessions.get(number=3).starts_at
    assert info.outcomes == outcomes


def test_without_modules_the_certificate_lists_all_six_outcomes():
    cohort = _finished_cohort(sessions=1)
    info = completion.certificate(_participant(cohort, [P]))
    assert info.outcomes == list(LearningOutcome.objects.all())
