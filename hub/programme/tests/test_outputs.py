"""Programme outputs: counts and quarterly trends, checked against plain Python over the rows
the factories made (never against the module's own quarter arithmetic)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.academies.models import CohortStatus, EnrolmentStatus
from hub.academies.tests.factories import CohortFactory, EnrolmentFactory, SessionFactory
from hub.accounts.roles import Role
from hub.assessment.models import AssessmentStatus
from hub.assessment.tests.factories import AssessmentFactory
from hub.champions.models import MentoringStatus
from hub.champions.tests.factories import MentoringFactory
from hub.events.models import Attendance, EventKind, EventStatus
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.peer_challenge.tests.factories import ChallengeFactory
from hub.programme import outputs

pytestmark = pytest.mark.django_db

# Days ago of each row: spread over more than eight quarters, so some fall outside the trend.
EVENT_KINDS = ((EventKind.ROUND_TABLE, "round_tables"), (EventKind.OPEN_SESSION, "open_sessions"))
DAYS_AGO = [1, 35, 95, 150, 290, 420, 600, 760, 900]


def _quarter(moment) -> tuple[int, int]:
    local = timezone.localtime(moment) if hasattr(moment, "tzinfo") and moment.tzinfo else moment
    return local.year, (local.month - 1) // 3 + 1


def _last_eight() -> list[tuple[int, int]]:
    today = timezone.localdate()
    year, number = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(8):
        found.append((year, number))
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    return found[::-1]


def _trend(moments) -> list[int]:
    quarters = [_quarter(m) for m in moments]
    return [quarters.count(q) for q in _last_eight()]


def build_outputs(scale: int = 1) -> dict:
    """Rows of every output at several dates; returns the moments each output counts."""
    now = timezone.now()
    at = [now - timedelta(days=days) for days in DAYS_AGO * scale]
    moments: dict[str, list] = {key: [] for key in outputs.MEASURES_BY_KEY}
    for index, moment in enumerate(at):
        for kind, key in (
            (EventKind.ROUND_TABLE, "round_tables"),
            (EventKind.OPEN_SESSION, "open_sessions"),
        ):
            event = EventFactory(kind=kind, starts_at=moment, ends_at=moment + timedelta(hours=2))
            moments[key].append(moment)
            present = index % 3 + 1
            for _ in range(present):
                InvitationFactory(event=event, attendance=Attendance.PRESENT)
            InvitationFactory(event=event, attendance=Attendance.ABSENT)
            moments[_participants(key)] += [moment] * present
        # Not held: cancelled, draft, or still to come.
        for status in (EventStatus.CANCELLED, EventStatus.DRAFT):
            EventFactory(starts_at=moment, ends_at=moment + timedelta(hours=1), status=status)
        EventFactory()  # Scheduled, in a fortnight.
        cohort = CohortFactory(status=CohortStatus.RUNNING)
        SessionFactory(cohort=cohort, starts_at=moment, ends_at=moment + timedelta(hours=6))
        moments["academy_sessions"].append(moment)
        SessionFactory(
            cohort=CohortFactory(status=CohortStatus.CANCELLED),
            starts_at=moment,
            ends_at=moment + timedelta(hours=6),
        )
        EnrolmentFactory(cohort=cohort, enrolled_at=moment)
        moments["academy_participants"].append(moment)
        EnrolmentFactory(
            cohort=cohort,
            status=EnrolmentStatus.COMPLETED,
            enrolled_at=moment,
            completed_at=moment,
            certificate_number=f"C{index}",
        )
        moments["academy_participants"].append(moment)
        moments["completions"].append(moment)
        EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.WITHDRAWN, enrolled_at=moment)
        EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.AWAITING_SPONSOR, enrolled_at=None)
        # Mentoring: one under way since `moment`, one that ran from `moment` for 20 days.
        MentoringFactory(status=MentoringStatus.ACCEPTED, started_at=moment)
        MentoringFactory(
            status=MentoringStatus.CLOSED, started_at=moment, closed_at=moment + timedelta(days=20)
        )
        MentoringFactory(status=MentoringStatus.REQUESTED)
        moments["mentoring_started"] += [moment, moment]
        moments["mentoring_closed"].append(moment + timedelta(days=20))
        day = timezone.localtime(moment).date()
        ChallengeFactory(
            on_site_starts_on=day,
            on_site_ends_on=day + timedelta(days=3),
            report_published_at=moment,
        )
        moments["challenges_started"].append(timezone.localtime(moment).date())
        moments["challenges_published"].append(moment)
        AssessmentFactory(status=AssessmentStatus.CLOSED, closed_at=moment)
        AssessmentFactory(status=AssessmentStatus.OPEN)
        moments["assessments_closed"].append(moment)
    # A challenge still to come counts nowhere.
    coming = timezone.localdate() + timedelta(days=30)
    ChallengeFactory(on_site_starts_on=coming, on_site_ends_on=coming + timedelta(days=3))
    return moments


def _participants(key: str) -> str:
    return {
        "round_tables": "round_table_participants",
        "open_sessions": "open_session_participants",
    }[key]


def _active_at_ends(spans) -> list[int]:
    """How many (start, end-or-None) spans are under way at the end of each quarter."""
    counts = []
    for year, number in _last_eight():
        following = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
        counts.append(
            sum(
                1
                for start, end in spans
                if timezone.localtime(start).date() < following
                and (end is None or timezone.localtime(end).date() >= following)
            )
        )
    return counts


def test_each_output_counts_its_rows_in_total_and_by_quarter():
    moments = build_outputs()
    found = outputs.programme_outputs()
    assert [(q.year, q.number) for q in found.quarters] == _last_eight()
    for key, rows in moments.items():
        if key == "mentoring_active":
            continue
        assert found[key].total == len(rows), key
        assert found[key].by_quarter == _trend(rows), key
    spans = []
    now = timezone.now()
    for days in DAYS_AGO:
        start = now - timedelta(days=days)
        spans += [(start, None), (start, start + timedelta(days=20))]
    assert found["mentoring_active"].total == len(DAYS_AGO)
    assert found["mentoring_active"].by_quarter == _active_at_ends(spans)
    # Started relationships are those still active and those that ended.
    assert found["mentoring_started"].total == (
        found["mentoring_active"].total + found["mentoring_closed"].total
    )


def test_some_rows_fall_in_the_trend_and_some_before_it():
    moments = build_outputs()
    found = outputs.programme_outputs()
    assert 0 < sum(found["round_tables"].by_quarter) < len(moments["round_tables"])


def test_the_csv_has_the_same_figures(client_as):
    build_outputs()
    found = outputs.programme_outputs()
    response = client_as(Role.FACILITATOR).get(reverse("programme:outputs-csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Output", "Group", "Total"]
    assert rows[0][3:] == [f"{y} Q{n}" for y, n in _last_eight()]
    by_label = {row[0]: row for row in rows[1:]}
    for row in found.rows:
        assert by_label[row.label][2:] == [str(row.total)] + [str(c) for c in row.by_quarter]


def test_the_page_shows_each_output_and_its_charts(client_as):
    moments = build_outputs()
    response = client_as(Role.EDITOR).get(reverse("programme:outputs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="output-round_tables"' in page
    assert "Sessions held each quarter" in page
    assert "Participants each quarter" in page
    row = page.split('id="output-academy_participants"')[1].split("</tr>")[0]
    assert f">{len(moments['academy_participants'])}</td>" in row


def test_the_page_and_csv_run_in_a_fixed_number_of_queries(client_as, django_assert_num_queries):
    client = client_as(Role.PROGRAMME_ADMIN)
    # Session, user, staff's authenticator (django-otp) and roles, then one query per output.
    expected = 4 + len(outputs.MEASURES)
    build_outputs(scale=1)
    with django_assert_num_queries(expected):
        assert client.get(reverse("programme:outputs")).status_code == 200
    build_outputs(scale=2)
    with django_assert_num_queries(expected):
        assert client.get(reverse("programme:outputs")).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(reverse("programme:outputs-csv"))
        b"".join(response.streaming_content)


def test_nice_axis_ends_on_a_tick_at_or_above_the_largest_value():
    for largest in (0.5, 1, 3, 9, 11, 37, 101, 1234, 56789):
        end, step = outputs.nice_axis(largest)
        assert end >= largest
        assert 1 <= end / step <= 10
        assert round(end / step) == end / step
