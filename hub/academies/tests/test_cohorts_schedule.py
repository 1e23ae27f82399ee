"""The schedule rules of each academy, and setting a schedule in place."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from hub.academies.cohorts import (
    ScheduleError,
    ScheduleRow,
    calendar_span,
    describe_span,
    schedule_problems,
    set_schedule,
)
from hub.academies.models import AcademyKind, Attendance
from hub.academies.tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    SessionFactory,
)


def row(day: date, start=time(10), end=time(16), **fields) -> ScheduleRow:
    return ScheduleRow(
        starts_at=timezone.make_aware(datetime.combine(day, start)),
        ends_at=timezone.make_aware(datetime.combine(day, end)),
        **fields,
    )


def spread(first: date, last: date, count: int) -> list[ScheduleRow]:
    """`count` sessions from `first` to `last`, evenly apart."""
    step = (last - first) / (count - 1)
    return [row(first + step * n if n < count - 1 else last) for n in range(count)]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 1, 15), date(2026, 7, 15), (6, 0)),
        (date(2026, 1, 15), date(2026, 7, 14), (5, 29)),
        (date(2026, 1, 15), date(2026, 10, 15), (9, 0)),
        (date(2026, 1, 15), date(2026, 10, 16), (9, 1)),
        (date(2026, 1, 31), date(2026, 4, 30), (3, 0)),
        (date(2026, 1, 31), date(2026, 2, 28), (1, 0)),
        (date(2025, 11, 20), date(2026, 4, 1), (4, 12)),
        (date(2026, 3, 1), date(2026, 3, 1), (0, 0)),
    ],
)
def test_calendar_span_counts_calendar_months_then_days(first, last, expected):
    assert calendar_span(first, last) == expected


def test_describe_span():
    assert describe_span(4, 12) == "4 months and 12 days"
    assert describe_span(1, 1) == "1 month and 1 day"
    assert describe_span(6, 0) == "6 months"
    assert describe_span(0, 5) == "5 days"


class TestDigitalAcademyRules:
    @pytest.mark.parametrize("count", [6, 7, 8])
    def test_six_to_eight_sessions_over_six_months_exactly_is_accepted(self, count):
        rows = spread(date(2026, 1, 15), date(2026, 7, 15), count)
        assert schedule_problems(AcademyKind.DIGITAL, rows) == []

    def test_nine_months_exactly_is_accepted(self):
        rows = spread(date(2026, 1, 15), date(2026, 10, 15), 6)
        assert schedule_problems(AcademyKind.DIGITAL, rows) == []

    def test_a_day_short_of_six_months_is_refused_naming_the_span(self):
        rows = spread(date(2026, 1, 15), date(2026, 7, 14), 6)
        assert schedule_problems(AcademyKind.DIGITAL, rows) == [
            "The sessions span 5 months and 29 days: a Digital Academy runs over 6 to 9 months"
        ]

    def test_a_day_over_nine_months_is_refused(self):
        rows = spread(date(2026, 1, 15), date(2026, 10, 16), 6)
        assert schedule_problems(AcademyKind.DIGITAL, rows) == [
            "The sessions span 9 months and 1 day: a Digital Academy runs over 6 to 9 months"
        ]

    def test_four_months_and_twelve_days(self):
        rows = spread(date(2025, 11, 20), date(2026, 4, 1), 6)
        assert schedule_problems(AcademyKind.DIGITAL, rows) == [
            "The sessions span 4 months and 12 days: a Digital Academy runs over 6 to 9 months"
        ]

    @pytest.mark.parametrize("count", [1, 5, 9])
    def test_fewer_than_six_or_more_than_eight_sessions_are_refused(self, count):
        rows = (
            spread(date(2026, 1, 1), date(2026, 8, 1), count)
            if count > 1
            else [row(date(2026, 1, 1))]
        )
        problems = schedule_problems(AcademyKind.DIGITAL, rows)
        assert problems[0] == (
            f"The schedule has {count} session{'s' if count > 1 else ''}: "
            "a Digital Academy has 6 to 8 sessions"
        )

    def test_dates_out_of_order_are_refused(self):
        rows = spread(date(2026, 1, 15), date(2026, 7, 15), 6)
        rows[2], rows[3] = rows[3], rows[2]
        assert schedule_problems(AcademyKind.DIGITAL, rows) == [
            "Session 4 must be on a later date than session 3"
        ]

    def test_two_sessions_on_one_day_are_refused(self):
        rows = spread(date(2026, 1, 15), date(2026, 7, 15), 6)
        rows[1] = row(rows[0].starts_at.date())
        assert "Session 2 must be on a later date than session 1" in schedule_problems(
            AcademyKind.DIGITAL, rows
        )

    def test_a_session_must_end_after_it_starts(self):
        rows = spread(date(2026, 1, 15), date(2026, 7, 15), 6)
        rows[4] = row(rows[4].starts_at.date(), start=time(14), end=time(14))
        assert schedule_problems(AcademyKind.DIGITAL, rows) == [
            "Session 5 must end after it starts"
        ]


class TestMemberAcademyRules:
    def test_one_session_is_enough(self):
        assert schedule_problems(AcademyKind.MEMBER, [row(date(2026, 5, 1))]) == []

    def test_twelve_months_exactly_is_accepted(self):
        rows = spread(date(2026, 1, 15), date(2027, 1, 15), 4)
        assert schedule_problems(AcademyKind.MEMBER, rows) == []

    def test_over_twelve_months_is_refused(self):
        rows = spread(date(2026, 1, 15), date(2027, 1, 16), 4)
        assert schedule_problems(AcademyKind.MEMBER, rows) == [
            "The sessions span 12 months and 1 day: "
            "a Member Leadership Academy runs within 12 months"
        ]

    def test_no_sessions_or_nine_are_refused(self):
        assert schedule_problems(AcademyKind.MEMBER, []) == [
            "The schedule has 0 sessions: a Member Leadership Academy has 1 to 8 sessions"
        ]
        nine = spread(date(2026, 1, 1), date(2026, 10, 1), 9)
        assert schedule_problems(AcademyKind.MEMBER, nine)[0].startswith(
            "The schedule has 9 sessions"
        )


@pytest.mark.django_db
class TestSetSchedule:
    def test_creates_sessions_and_marks_the_schedule_set(self, user_with_role):
        cohort = CohortFactory()
        module = ModuleFactory()
        rows = spread(date(2030, 1, 15), date(2030, 7, 15), 6)
        rows[0] = row(date(2030, 1, 15), module=module, venue="Town hall")
        sessions = set_schedule(cohort=cohort, rows=rows, by=user_with_role())
        assert [s.number for s in cohort.sessions.all()] == [1, 2, 3, 4, 5, 6]
        assert sessions[0].module == module
        assert sessions[0].venue == "Town hall"
        cohort.refresh_from_db()
        assert cohort.schedule_set_at is not None

    def test_refuses_a_schedule_breaking_the_rules_and_changes_nothing(self, user_with_role):
        cohort = CohortFactory()
        rows = spread(date(2030, 1, 15), date(2030, 4, 15), 6)
        with pytest.raises(ScheduleError) as error:
            set_schedule(cohort=cohort, rows=rows, by=user_with_role())
        assert error.value.problems == [
            "The sessions span 3 months: a Digital Academy runs over 6 to 9 months"
        ]
        assert not cohort.sessions.exists()
        cohort.refresh_from_db()
        assert cohort.schedule_set_at is None

    def test_refuses_a_module_of_the_other_academy(self, user_with_role):
        cohort = CohortFactory(member=True)
        other = ModuleFactory(academy=AcademyKind.DIGITAL, title="Place data")
        with pytest.raises(ScheduleError) as error:
            set_schedule(
                cohort=cohort, rows=[row(date(2030, 1, 1), module=other)], by=user_with_role()
            )
        assert error.value.problems == [
            "Place data is not a module of the Member Leadership Academy"
        ]

    def test_updates_sessions_in_place_keeping_their_attendance(self, user_with_role):
        cohort = CohortFactory()
        first = SessionFactory(cohort=cohort, number=1)
        attendance = AttendanceFactory(session=first, enrolment=EnrolmentFactory(cohort=cohort))
        for number in range(2, 9):
            SessionFactory(cohort=cohort, number=number)
        rows = spread(date(2030, 2, 1), date(2030, 9, 1), 7)
        set_schedule(cohort=cohort, rows=rows, by=user_with_role())
        first.refresh_from_db()
        assert timezone.localdate(first.starts_at) == date(2030, 2, 1)
        assert Attendance.objects.filter(pk=attendance.pk).exists()
        assert sorted(cohort.sessions.values_list("number", flat=True)) == list(range(1, 8))

    def test_refuses_to_remove_a_session_with_attendance(self, user_with_role):
        cohort = CohortFactory()
        for number in range(1, 9):
            SessionFactory(cohort=cohort, number=number)
        last = cohort.sessions.get(number=8)
        AttendanceFactory(session=last, enrolment=EnrolmentFactory(cohort=cohort))
        rows = spread(date(2030, 2, 1), date(2030, 9, 1), 7)
        with pytest.raises(ScheduleError) as error:
            set_schedule(cohort=cohort, rows=rows, by=user_with_role())
        assert error.value.problems == [
            "Session 8 cannot be removed: attendance has been taken at it"
        ]
        assert cohort.sessions.count() == 8
        assert timezone.localdate(cohort.sessions.get(number=1).starts_at) != date(2030, 2, 1)

    def test_dates_are_london_wall_clock(self, user_with_role):
        cohort = CohortFactory(member=True)
        set_schedule(cohort=cohort, rows=[row(date(2030, 7, 1))], by=user_with_role())
        starts = timezone.localtime(cohort.sessions.get().starts_at)
        assert (starts.hour, starts.date()) == (10, date(2030, 7, 1))
        assert cohort.sessions.get().ends_at - cohort.sessions.get().starts_at == timedelta(hours=6)
