"""Session pages, check-in, taking attendance and the attendance reports, for each role."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.academies.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    CohortStatus,
)
from hub.academies.tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    SessionFactory,
)

# Wrong-code counts live in the cache: each test starts with it empty.
from hub.academies.tests.test_attendance import _fresh_cache  # noqa: F401
from hub.accounts.roles import Role

pytestmark = pytest.mark.django_db


class World:
    """A running cohort with a session under way, its facilitator and two participants, and a
    second cohort with its own participant."""

    def __init__(self, user_with_role):
        self.facilitator = user_with_role(Role.FACILITATOR)
        self.cohort = CohortFactory(status=CohortStatus.RUNNING, facilitators=[self.facilitator])
        starts = timezone.now() - timedelta(minutes=5)
        self.session = SessionFactory(
            cohort=self.cohort,
            number=1,
            module=ModuleFactory(),
            starts_at=starts,
            ends_at=starts + timedelta(hours=6),
            online_url="https://meet.example.org/academy",
        )
        self.session.facilitators.set([self.facilitator])
        self.participant = EnrolmentFactory(cohort=self.cohort)
        self.colleague = EnrolmentFactory(cohort=self.cohort)
        self.other_cohort_participant = EnrolmentFactory(
            cohort=CohortFactory(status=CohortStatus.RUNNING)
        )
        self.member = user_with_role(Role.MEMBER)
        self.staff = user_with_role(Role.EDITOR)
        self.admin = user_with_role(Role.PROGRAMME_ADMIN)

    def user(self, who: str):
        return {
            "anonymous": None,
            "member": self.member,
            "participant": self.participant.user,
            "other_participant": self.other_cohort_participant.user,
            "facilitator": self.facilitator,
            "staff": self.staff,
            "admin": self.admin,
        }[who]

    def url(self, name: str, *args):
        if name in ("session", "take-attendance", "check-in", "session-new-code"):
            args = (self.cohort.slug, self.session.number)
        elif name in ("cohort-attendance", "cohort-attendance-csv"):
            args = (self.cohort.slug,)
        elif name == "person-attendance":
            args = (self.cohort.slug, *args)
        return reverse(f"academies:{name}", args=args)


@pytest.fixture
def world(user_with_role):
    return World(user_with_role)


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The session page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees_code", "sees_check_in"),
    [
        ("anonymous", False, False),
        ("member", False, False),
        ("participant", False, True),
        ("other_participant", False, False),
        ("facilitator", True, False),
        ("staff", False, False),
        ("admin", True, False),
    ],
)
def test_session_page_shows_the_code_to_facilitators_and_check_in_to_participants(
    client, world, who, sees_code, sees_check_in
):
    response = _as(client, world.user(who)).get(world.url("session"))

    assert response.status_code == 200
    html = response.content.decode()
    assert world.session.module.title in html
    assert reverse("academies:module", args=[world.session.module.slug]) in html
    assert world.facilitator.get_full_name() in html
    assert "https://meet.example.org/academy" in html
    assert (world.session.attendance_code in html) is sees_code
    assert (world.url("take-attendance") in html) is sees_code
    assert (world.url("check-in") in html) is sees_check_in


def test_session_times_are_shown_in_london_time(client, world):
    world.session.starts_at = timezone.make_aware(timezone.datetime(2025, 7, 1, 9, 30))
    world.session.ends_at = world.session.starts_at + timedelta(hours=2)
    world.session.save()
    html = client.get(world.url("session")).content.decode()
    assert "Tuesday 1 July 2025" in html
    assert "9:30 a.m. to 11:30 a.m. (UK time)" in html


@pytest.mark.parametrize("who", ["anonymous", "member", "other_participant"])
def test_a_draft_cohorts_session_is_a_404_to_outsiders(client, world, who):
    world.cohort.status = CohortStatus.DRAFT
    world.cohort.save()
    assert _as(client, world.user(who)).get(world.url("session")).status_code == 404


def test_a_draft_cohorts_session_is_shown_to_its_facilitator(client, world):
    world.cohort.status = CohortStatus.DRAFT
    world.cohort.save()
    assert _as(client, world.facilitator).get(world.url("session")).status_code == 200


def test_a_facilitator_generates_a_new_code(client, world):
    old = world.session.attendance_code
    response = _as(client, world.facilitator).post(world.url("session-new-code"))
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.attendance_code != old


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 403), ("member", 403), ("staff", 403), ("anonymous", 302)],
)
def test_only_facilitators_generate_a_new_code(client, world, who, status):
    old = world.session.attendance_code
    response = _as(client, world.user(who)).post(world.url("session-new-code"))
    assert response.status_code == status
    world.session.refresh_from_db()
    assert world.session.attendance_code == old


# Checking in -------------------------------------------------------------------------------


def test_a_participant_checks_in_with_the_code(client, world):
    response = _as(client, world.participant.user).post(
        world.url("check-in"), {"code": world.session.attendance_code.lower()}, follow=True
    )
    assert "You are checked in: present" in response.content.decode()
    record = Attendance.objects.get()
    assert (record.enrolment, record.status, record.method) == (
        world.participant,
        AttendanceStatus.PRESENT,
        AttendanceMethod.CODE,
    )
    # The session page now says how they are recorded, and offers no form.
    html = client.get(world.url("session")).content.decode()
    assert "You are recorded as <strong>present</strong>" in html
    assert 'name="code"' not in html


def test_a_wrong_code_shows_an_error_summary(client, world):
    # Codes never hold a 0 (it reads like O), so this one cannot be the room's.
    wrong = "000000"
    response = _as(client, world.participant.user).post(world.url("check-in"), {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The code is not right" in html
    assert not Attendance.objects.exists()


def test_an_empty_code_asks_for_it(client, world):
    response = _as(client, world.participant.user).post(world.url("check-in"), {"code": ""})
    assert "Enter the attendance code shown in the room" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("other_participant", 403),
        ("facilitator", 403),
        ("staff", 403),
    ],
)
def test_only_the_cohorts_participants_check_in(client, world, who, status):
    response = _as(client, world.user(who)).post(
        world.url("check-in"), {"code": world.session.attendance_code}
    )
    assert response.status_code == status
    assert not Attendance.objects.exists()


# Taking attendance -------------------------------------------------------------------------


def test_take_attendance_lists_everyone_with_a_place_and_saves_their_marks(client, world):
    late_joiner = EnrolmentFactory(cohort=world.cohort)
    AttendanceFactory(
        session=world.session,
        enrolment=late_joiner,
        status=AttendanceStatus.NOT_YET_ENROLLED,
        method=AttendanceMethod.ENROLMENT,
    )
    client.force_login(world.facilitator)

    html = client.get(world.url("take-attendance")).content.decode()

    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert world.participant.person.full_name in html
    assert world.colleague.person.full_name in html
    assert late_joiner.person.full_name in html
    assert "Enrolled after this session" in html
    assert f'name="enrolment_{late_joiner.pk}"' not in html
    assert world.other_cohort_participant.person.full_name not in html

    response = client.post(
        world.url("take-attendance"),
        {
            f"enrolment_{world.participant.pk}": "present",
            f"enrolment_{world.colleague.pk}": "excused",
        },
        follow=True,
    )

    assert "Attendance saved: 1 of 3 attended" in response.content.decode()
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {
        world.participant.pk: "present",
        world.colleague.pk: "excused",
        late_joiner.pk: "not_yet_enrolled",
    }
    record = Attendance.objects.get(enrolment=world.participant)
    assert (record.method, record.marked_by) == (AttendanceMethod.FACILITATOR, world.facilitator)


def test_attendance_cannot_be_taken_before_the_day(client, world):
    future = SessionFactory(cohort=world.cohort, number=2)
    client.force_login(world.facilitator)
    url = reverse("academies:take-attendance", args=[world.cohort.slug, 2])
    assert "You can take attendance from the day of the session" in client.get(url).content.decode()
    client.post(url, {f"enrolment_{world.participant.pk}": "present"})
    assert not Attendance.objects.filter(session=future).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("participant", 403),
        ("other_participant", 403),
        ("staff", 403),
        ("admin", 200),
        ("facilitator", 200),
    ],
)
def test_only_the_cohorts_facilitators_and_admins_take_attendance(client, world, who, status):
    response = _as(client, world.user(who)).post(
        world.url("take-attendance"), {f"enrolment_{world.participant.pk}": "absent"}
    )
    assert response.status_code == (302 if status == 200 else status)
    assert Attendance.objects.exists() is (status == 200)


# Reports -----------------------------------------------------------------------------------


@pytest.fixture
def marked(world):
    AttendanceFactory(session=world.session, enrolment=world.participant, status="late")
    AttendanceFactory(session=world.session, enrolment=world.colleague, status="absent")
    SessionFactory(cohort=world.cohort, number=2)
    return world


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("participant", 403),
        ("other_participant", 403),
        ("facilitator", 200),
        ("staff", 200),
    ],
)
def test_cohort_attendance_is_for_facilitators_and_programme_staff(client, marked, who, status):
    for name in ("cohort-attendance", "cohort-attendance-csv"):
        response = _as(client, marked.user(who)).get(marked.url(name))
        assert response.status_code == status


def _row(html: str, enrolment_id: int) -> str:
    start = html.index(f'id="enrolment-{enrolment_id}"')
    return html[start : html.index("</tr>", start)]


def test_cohort_attendance_page_shows_statuses_as_text_and_totals(client, marked):
    client.force_login(marked.facilitator)
    html = client.get(marked.url("cohort-attendance")).content.decode()
    assert "<caption" in html
    assert ">Late</strong>" in html
    assert ">Absent</strong>" in html
    assert "Not held yet" in html
    mine = _row(html, marked.participant.pk)
    theirs = _row(html, marked.colleague.pk)
    assert ">Late</strong>" in mine
    assert "100%" in mine
    assert ">Absent</strong>" in theirs
    assert ">0%<" in theirs


def test_cohort_attendance_csv_has_session_rows_totals_and_session_totals(client, marked):
    client.force_login(marked.staff)
    response = client.get(marked.url("cohort-attendance-csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    name = marked.participant.person.full_name

    mine = [r for r in rows if r["Participant"] == name]
    assert [(r["Session"], r["Status"]) for r in mine] == [
        ("1", "Late"),
        ("2", "Not held yet"),
        ("All sessions", ""),
    ]
    assert mine[0]["How recorded"] == "Marked by a facilitator"
    total = mine[2]
    assert (total["Attended"], total["Late"], total["Sessions held"]) == ("1", "1", "1")
    assert total["Attendance rate (%)"] == "100"
    everyone = {r["Session"]: r for r in rows if r["Participant"] == "All participants"}
    assert (everyone["1"]["Attended"], everyone["1"]["Absent"]) == ("1", "1")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("participant", 200),
        ("other_participant", 403),
        ("facilitator", 200),
        ("staff", 200),
    ],
)
def test_a_persons_attendance_is_theirs_their_facilitators_and_staffs(client, marked, who, status):
    url = marked.url("person-attendance", marked.participant.pk)
    response = _as(client, marked.user(who)).get(url)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Marked by a facilitator" in html
        assert ">Late</strong>" in html


def test_a_participant_cannot_see_a_colleagues_attendance(client, marked):
    client.force_login(marked.participant.user)
    response = client.get(marked.url("person-attendance", marked.colleague.pk))
    assert response.status_code == 403


def test_an_enrolment_of_another_cohort_is_a_404_under_this_cohort(client, marked):
    client.force_login(marked.staff)
    url = marked.url("person-attendance", marked.other_cohort_participant.pk)
    assert client.get(url).status_code == 404
