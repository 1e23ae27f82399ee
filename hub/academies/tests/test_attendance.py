"""Attendance services: checking in with the code, facilitators' marks, and the summaries."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from hub.academies import attendance
from hub.academies.attendance import AttendanceError, attendance_summary, cohort_attendance
from hub.academies.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    EnrolmentStatus,
)
from hub.academies.tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrolmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wrong-code counts live in the cache, keyed by ids that a later test may reuse.
    cache.clear()
    yield
    cache.clear()


def _session_started(minutes_ago: int, cohort=None, number=1, hours=6):
    starts = timezone.now() - timedelta(minutes=minutes_ago)
    return SessionFactory(
        cohort=cohort or CohortFactory(),
        number=number,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
    )


# Checking in -------------------------------------------------------------------------------


def test_check_in_within_15_minutes_of_the_start_records_present_by_code():
    session = _session_started(10)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    code = " " + session.attendance_code.lower()[:3] + " " + session.attendance_code[3:]

    record = attendance.check_in(session=session, enrolment=enrolment, code=code)

    assert record.status == AttendanceStatus.PRESENT
    assert record.method == AttendanceMethod.CODE
    assert record.marked_by == enrolment.user


def test_check_in_from_30_minutes_before_the_start_is_present():
    session = _session_started(-25)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    record = attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)
    assert record.status == AttendanceStatus.PRESENT


def test_check_in_more_than_15_minutes_after_the_start_records_late():
    session = _session_started(20)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    record = attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)
    assert record.status == AttendanceStatus.LATE


def test_check_in_before_the_window_opens_is_refused_and_says_when_it_opens():
    session = _session_started(-60)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match="Check-in opens at"):
        attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)
    assert not Attendance.objects.exists()


def test_check_in_after_the_session_ended_is_refused():
    session = _session_started(7 * 60)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match="This session has ended"):
        attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)


def test_a_wrong_code_is_refused_with_the_tries_left():
    session = _session_started(5)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match=r"not right.*4 tries left"):
        attendance.check_in(session=session, enrolment=enrolment, code="WRONG1")
    assert not Attendance.objects.exists()


def test_after_five_wrong_codes_even_the_right_code_is_refused():
    session = _session_started(5)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    for _ in range(attendance.WRONG_CODE_LIMIT):
        with pytest.raises(AttendanceError):
            attendance.check_in(session=session, enrolment=enrolment, code="WRONG1")
    with pytest.raises(AttendanceError, match="too many times"):
        attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)
    assert not Attendance.objects.exists()
    # Another participant of the same session is not locked out.
    other = EnrolmentFactory(cohort=session.cohort)
    attendance.check_in(session=session, enrolment=other, code=session.attendance_code)


def test_a_second_check_in_says_they_are_already_recorded():
    session = _session_started(5)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)
    with pytest.raises(AttendanceError, match="already recorded as present"):
        attendance.check_in(session=session, enrolment=enrolment, code=session.attendance_code)


def test_check_in_never_overwrites_a_status_a_facilitator_set():
    session = _session_started(5)
    record = AttendanceFactory(session=session, status=AttendanceStatus.EXCUSED)
    with pytest.raises(AttendanceError, match="already recorded as excused"):
        attendance.check_in(
            session=session, enrolment=record.enrolment, code=session.attendance_code
        )
    record.refresh_from_db()
    assert record.status == AttendanceStatus.EXCUSED
    assert record.method == AttendanceMethod.FACILITATOR


def test_check_in_to_another_cohorts_session_is_refused():
    session = _session_started(5)
    outsider = EnrolmentFactory()
    with pytest.raises(AttendanceError, match="do not have a place"):
        attendance.check_in(session=session, enrolment=outsider, code=session.attendance_code)


def test_a_new_code_differs_from_the_old_one():
    session = _session_started(5)
    old = session.attendance_code
    new = attendance.session_new_code(session=session)
    session.refresh_from_db()
    assert session.attendance_code == new != old


# Facilitators' marks -----------------------------------------------------------------------


def test_record_attendance_writes_every_mark_with_method_and_marker(user_with_role):
    session = _session_started(60)
    present, late, excused = (EnrolmentFactory(cohort=session.cohort) for _ in range(3))
    left_blank = EnrolmentFactory(cohort=session.cohort)
    facilitator = user_with_role()

    written = attendance.record_attendance(
        session,
        {
            present.pk: AttendanceStatus.PRESENT,
            late.pk: AttendanceStatus.LATE,
            excused.pk: AttendanceStatus.EXCUSED,
            left_blank.pk: None,
        },
        facilitator,
    )

    assert written == 3
    records = {a.enrolment_id: a for a in Attendance.objects.all()}
    assert {pk: r.status for pk, r in records.items()} == {
        present.pk: "present",
        late.pk: "late",
        excused.pk: "excused",
    }
    assert {r.method for r in records.values()} == {AttendanceMethod.FACILITATOR}
    assert {r.marked_by for r in records.values()} == {facilitator}


def test_a_facilitator_can_correct_a_code_check_in(user_with_role):
    session = _session_started(60)
    record = AttendanceFactory(
        session=session, status=AttendanceStatus.LATE, method=AttendanceMethod.CODE
    )
    facilitator = user_with_role()
    attendance.record_attendance(
        session, {record.enrolment_id: AttendanceStatus.PRESENT}, facilitator
    )
    record.refresh_from_db()
    assert (record.status, record.method, record.marked_by) == (
        "present",
        AttendanceMethod.FACILITATOR,
        facilitator,
    )


def test_record_attendance_is_refused_before_the_day_of_the_session(user_with_role):
    session = SessionFactory(number=2)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match="from the day of the session"):
        attendance.record_attendance(session, {enrolment.pk: "present"}, user_with_role())
    assert not Attendance.objects.exists()


def test_record_attendance_is_all_or_nothing(user_with_role):
    session = _session_started(60)
    placed = EnrolmentFactory(cohort=session.cohort)
    withdrawn = EnrolmentFactory(cohort=session.cohort, status=EnrolmentStatus.WITHDRAWN)
    with pytest.raises(AttendanceError, match="do not have a place"):
        attendance.record_attendance(
            session, {placed.pk: "present", withdrawn.pk: "present"}, user_with_role()
        )
    assert not Attendance.objects.exists()


def test_record_attendance_refuses_to_change_enrolled_after_this_session(user_with_role):
    session = _session_started(60)
    record = AttendanceFactory(
        session=session,
        status=AttendanceStatus.NOT_YET_ENROLLED,
        method=AttendanceMethod.ENROLMENT,
    )
    with pytest.raises(AttendanceError, match="enrolled after this session"):
        attendance.record_attendance(session, {record.enrolment_id: "absent"}, user_with_role())
    record.refresh_from_db()
    assert record.status == AttendanceStatus.NOT_YET_ENROLLED


def test_record_attendance_refuses_an_unknown_status(user_with_role):
    session = _session_started(60)
    enrolment = EnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match="not an attendance status"):
        attendance.record_attendance(
            session, {enrolment.pk: AttendanceStatus.NOT_YET_ENROLLED}, user_with_role()
        )


# Summaries ---------------------------------------------------------------------------------


@pytest.fixture
def five_sessions():
    """Sessions 1-4 held (60, 45, 30 and 15 days ago), session 5 in 30 days."""
    cohort = CohortFactory()
    sessions = [
        _session_started(days * 24 * 60, cohort=cohort, number=n)
        for n, days in enumerate([60, 45, 30, 15], start=1)
    ]
    sessions.append(SessionFactory(cohort=cohort, number=5))
    return cohort, sessions


def _mark(session, enrolment, status):
    return AttendanceFactory(session=session, enrolment=enrolment, status=status)


def test_summary_counts_and_rate_leave_out_excused_and_sessions_before_enrolment(five_sessions):
    cohort, (s1, s2, s3, s4, s5) = five_sessions
    enrolment = EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.ENROLLED_LATE)
    _mark(s1, enrolment, AttendanceStatus.NOT_YET_ENROLLED)
    _mark(s2, enrolment, AttendanceStatus.LATE)
    _mark(s3, enrolment, AttendanceStatus.EXCUSED)
    _mark(s4, enrolment, AttendanceStatus.PRESENT)
    # A record for a session not held yet does not count.
    _mark(s5, enrolment, AttendanceStatus.ABSENT)

    summary = attendance_summary(enrolment)

    assert (summary.attended, summary.late, summary.excused, summary.absent) == (2, 1, 1, 0)
    assert (summary.not_yet_enrolled, summary.not_recorded, summary.held) == (1, 0, 3)
    assert summary.rate == 100


def test_a_held_session_without_a_record_counts_against_the_rate(five_sessions):
    cohort, (s1, s2, s3, s4, _) = five_sessions
    enrolment = EnrolmentFactory(cohort=cohort)
    _mark(s1, enrolment, AttendanceStatus.PRESENT)
    _mark(s2, enrolment, AttendanceStatus.ABSENT)
    _mark(s3, enrolment, AttendanceStatus.PRESENT)

    summary = attendance_summary(enrolment)

    assert (summary.attended, summary.absent, summary.not_recorded, summary.held) == (2, 1, 1, 4)
    assert summary.rate == 50


def test_no_rate_before_any_session_is_held():
    session = SessionFactory()
    enrolment = EnrolmentFactory(cohort=session.cohort)
    assert attendance_summary(enrolment).rate is None


def test_cohort_attendance_agrees_with_each_summary_and_totals_each_session(
    five_sessions, django_assert_num_queries
):
    cohort, (s1, s2, s3, s4, s5) = five_sessions
    ann, bob, cat = (EnrolmentFactory(cohort=cohort) for _ in range(3))
    EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.WITHDRAWN)
    for enrolment, statuses in [
        (ann, ["present", "present", "late", "absent"]),
        (bob, ["not_yet_enrolled", "present", "excused", None]),
        (cat, ["absent", "excused", "present", "present"]),
    ]:
        for session, status in zip([s1, s2, s3, s4], statuses, strict=True):
            if status:
                _mark(session, enrolment, status)

    with django_assert_num_queries(3):
        report = cohort_attendance(cohort)

    assert [row.enrolment for row in report.rows] == sorted(
        [ann, bob, cat], key=lambda e: (e.person.full_name, e.pk)
    )
    for row in report.rows:
        assert row.summary == attendance_summary(row.enrolment)
    assert report.summaries[ann.pk].rate == 75
    assert report.summaries[bob.pk].rate == 50  # present at 2; excused at 3; 4 not recorded
    assert report.summaries[cat.pk].rate == pytest.approx(200 / 3)
    totals = {t.session.number: t for t in report.session_totals}
    assert (totals[1].attended, totals[1].absent, totals[1].not_yet_enrolled) == (1, 1, 1)
    assert (totals[3].attended, totals[3].late, totals[3].excused) == (2, 1, 1)
    assert (totals[4].attended, totals[4].absent, totals[4].not_recorded) == (1, 1, 1)
    assert not totals[5].held
    assert totals[5].not_recorded == 0


def test_cohort_attendance_queries_do_not_grow_with_people(
    five_sessions, django_assert_num_queries
):
    cohort, sessions = five_sessions
    for _ in range(6):
        enrolment = EnrolmentFactory(cohort=cohort)
        for session in sessions[:4]:
            _mark(session, enrolment, AttendanceStatus.PRESENT)
    with django_assert_num_queries(3):
        report = cohort_attendance(cohort)
        assert all(row.summary.rate == 100 for row in report.rows)
        assert [cell.text for cell in report.rows[0].cells] == ["Present"] * 4 + ["Not held yet"]
