"""Cohort pages for each role that matters: anonymous, a member, a participant of this cohort,
a participant of another cohort, the cohort's facilitator and a programme admin."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.academies.cohorts import hash_token
from hub.academies.models import (
    AcademyKind,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
)
from hub.academies.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    SessionFactory,
)
from hub.accounts.roles import Role
from hub.organisations.models import PartnerKind, Region, RoleType
from hub.organisations.tests.factories import PersonFactory, PlacePartnerFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "participant", "other_participant", "facilitator", "admin"]


@pytest.fixture
def world(user_with_role):
    facilitator = user_with_role(Role.FACILITATOR)
    cohort = CohortFactory(facilitators=[facilitator], title="Riverside Digital Academy")
    participant = EnrolmentFactory(cohort=cohort, sector=PartnerKind.POLICE)
    other = EnrolmentFactory(cohort=CohortFactory(), sector=PartnerKind.HEALTH)
    SessionFactory(cohort=cohort, number=1, module=ModuleFactory())
    return {
        "cohort": cohort,
        "participant_enrolment": participant,
        "users": {
            "anonymous": None,
            "member": user_with_role(Role.MEMBER),
            "participant": participant.user,
            "other_participant": other.user,
            "facilitator": facilitator,
            "admin": user_with_role(Role.PROGRAMME_ADMIN),
        },
    }


def as_role(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def url(name, cohort, *args):
    return reverse(f"academies:{name}", args=[cohort.slug, *args])


class TestDetail:
    @pytest.mark.parametrize("role", ROLES)
    def test_everyone_sees_a_recruiting_cohort_and_its_schedule(self, client, world, role):
        response = as_role(client, world, role).get(world["cohort"].get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Riverside Digital Academy" in html
        assert url("session", world["cohort"], 1) in html

    @pytest.mark.parametrize(
        ("role", "sees_names"),
        [
            ("anonymous", False),
            ("member", False),
            ("participant", True),
            ("other_participant", False),
            ("facilitator", True),
            ("admin", True),
        ],
    )
    def test_participants_names_only_for_those_who_may_see_them(
        self, client, world, role, sees_names
    ):
        name = world["participant_enrolment"].person.full_name
        response = as_role(client, world, role).get(world["cohort"].get_absolute_url())
        assert (name in response.content.decode()) is sees_names

    @pytest.mark.parametrize("role", ROLES)
    def test_management_links_and_mix_warnings_only_for_who_runs_it(self, client, world, role):
        html = as_role(client, world, role).get(world["cohort"].get_absolute_url()).content
        html = html.decode()
        runs = role in ("facilitator", "admin")
        assert (url("cohort-schedule", world["cohort"]) in html) is runs
        assert (url("cohort-attendance", world["cohort"]) in html) is runs
        assert (url("completion", world["cohort"]) in html) is runs
        assert ("Nobody from fire and rescue" in html) is runs

    @pytest.mark.parametrize("role", ROLES)
    def test_plan_survey_and_completion_links_only_for_the_participant(self, client, world, role):
        html = as_role(client, world, role).get(world["cohort"].get_absolute_url()).content
        html = html.decode()
        mine = role == "participant"
        assert (url("plan", world["cohort"]) in html) is mine
        assert (url("survey", world["cohort"], "start") in html) is mine
        assert (url("survey", world["cohort"], "end") in html) is mine
        assert (url("my-completion", world["cohort"]) in html) is mine

    @pytest.mark.parametrize(
        ("role", "can_apply"),
        [
            ("anonymous", False),
            ("member", True),
            ("participant", False),
            ("other_participant", True),
            ("facilitator", True),
        ],
    )
    def test_apply_button(self, client, world, role, can_apply):
        html = as_role(client, world, role).get(world["cohort"].get_absolute_url()).content
        assert (url("apply", world["cohort"]) in html.decode()) is can_apply

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("anonymous", 404),
            ("member", 404),
            ("other_participant", 404),
            ("facilitator", 200),
            ("admin", 200),
        ],
    )
    def test_a_draft_is_private(self, client, world, role, status):
        Cohort.objects.filter(pk=world["cohort"].pk).update(status=CohortStatus.DRAFT)
        response = as_role(client, world, role).get(world["cohort"].get_absolute_url())
        assert response.status_code == status

    def test_the_participant_of_a_draft_still_gets_a_404_elsewhere(self, client, world):
        draft = CohortFactory(status=CohortStatus.DRAFT)
        as_role(client, world, "participant")
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(url("participants", draft)).status_code == 404


class TestList:
    def test_lists_listed_cohorts_with_filters(self, client, world):
        member = CohortFactory(member=True, title="Councillors North", region=Region.NORTH_EAST)
        CohortFactory(status=CohortStatus.DRAFT, title="Hidden draft")
        CohortFactory(status=CohortStatus.CANCELLED, title="Called off")
        html = client.get(reverse("academies:cohorts")).content.decode()
        assert "Riverside Digital Academy" in html
        assert "Councillors North" in html
        assert "Hidden draft" not in html
        assert "Called off" not in html
        html = client.get(reverse("academies:cohorts"), {"academy": "member"}).content.decode()
        assert "Councillors North" in html
        assert "Riverside Digital Academy" not in html
        html = client.get(
            reverse("academies:cohorts"), {"region": Region.NORTH_EAST}
        ).content.decode()
        assert member.title in html
        assert "Riverside Digital Academy" not in html
        html = client.get(reverse("academies:cohorts"), {"status": "running"}).content.decode()
        assert "No cohorts match" in html

    def test_drafts_for_their_facilitators_and_staff(self, client, world, user_with_role):
        CohortFactory(
            status=CohortStatus.DRAFT,
            title="My draft",
            facilitators=[world["users"]["facilitator"]],
        )
        CohortFactory(status=CohortStatus.DRAFT, title="Their draft")
        client.force_login(world["users"]["member"])
        assert "My draft" not in client.get(reverse("academies:cohorts")).content.decode()
        client.force_login(world["users"]["admin"])
        html = client.get(reverse("academies:cohorts")).content.decode()
        assert "My draft" in html
        assert "Their draft" in html

    def test_pages(self, client):
        for n in range(21):
            CohortFactory(title=f"Cohort number {n:02d}")
        first = client.get(reverse("academies:cohorts"))
        assert "21 cohorts" in first.content.decode()
        assert "?page=2" in first.content.decode()
        second = client.get(reverse("academies:cohorts"), {"page": 2}).content.decode()
        assert second.count("Cohort number") == 1


class TestCreateAndEdit:
    @pytest.mark.parametrize(
        ("role", "status"), [("member", 403), ("participant", 403), ("facilitator", 200)]
    )
    def test_create_is_for_facilitators(self, client, world, role, status):
        response = as_role(client, world, role).get(reverse("academies:cohort-create"))
        assert response.status_code == status

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(reverse("academies:cohort-create"))
        assert response.status_code == 302
        assert "sign-in" in response.url

    def test_create_a_place_cohort(self, client, world):
        as_role(client, world, "facilitator")
        place = world["cohort"].place
        response = client.post(
            reverse("academies:cohort-create"),
            {
                "academy": AcademyKind.DIGITAL,
                "title": "Northshire Digital Academy",
                "place": place.pk,
                "region": "",
                "capacity": "28",
                "description": "Joining up",
                "required_sectors": ["council", "police"],
            },
        )
        cohort = Cohort.objects.get(title="Northshire Digital Academy")
        assert response.status_code == 302
        assert response.url == cohort.get_absolute_url()
        assert cohort.status == CohortStatus.DRAFT
        assert cohort.required_sectors == ["council", "police"]
        assert list(cohort.facilitators.all()) == [world["users"]["facilitator"]]

    def test_the_form_starts_with_the_four_main_sectors_and_needs_a_place(self, client, world):
        as_role(client, world, "facilitator")
        html = client.get(reverse("academies:cohort-create")).content.decode()
        checked = set(re.findall(r'value="([a-z_]+)"\s+checked', html))
        assert checked == {"council", "police", "fire_and_rescue", "health"}
        response = client.post(
            reverse("academies:cohort-create"),
            {"academy": AcademyKind.DIGITAL, "title": "No place", "capacity": "30"},
        )
        assert response.status_code == 200
        assert "a Digital Academy cohort belongs to a place" in response.content.decode()
        assert not Cohort.objects.filter(title="No place").exists()

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("member", 403),
            ("participant", 403),
            ("other_participant", 403),
            ("facilitator", 200),
            ("admin", 200),
        ],
    )
    def test_edit_schedule_status_and_add_are_for_who_runs_it(self, client, world, role, status):
        as_role(client, world, role)
        for name in ("cohort-edit", "cohort-schedule", "cohort-status", "participant-add"):
            assert client.get(url(name, world["cohort"])).status_code == status, name

    def test_edit_saves(self, client, world):
        as_role(client, world, "facilitator")
        cohort = world["cohort"]
        response = client.post(
            url("cohort-edit", cohort),
            {
                "academy": cohort.academy,
                "title": "Renamed",
                "place": cohort.place.pk,
                "region": Region.LONDON,
                "capacity": "25",
                "required_sectors": ["health"],
                "facilitators": [world["users"]["facilitator"].pk],
            },
        )
        assert response.status_code == 302
        cohort.refresh_from_db()
        assert (cohort.title, cohort.capacity, cohort.region) == ("Renamed", 25, Region.LONDON)
        assert cohort.required_sectors == ["health"]

    def test_change_status(self, client, world):
        as_role(client, world, "admin")
        cohort = world["cohort"]
        response = client.post(url("cohort-status", cohort), {"status": "running"})
        assert "Set the schedule before" in response.content.decode()
        Cohort.objects.filter(pk=cohort.pk).update(schedule_set_at=timezone.now())
        response = client.post(url("cohort-status", cohort), {"status": "running"})
        assert response.status_code == 302
        cohort.refresh_from_db()
        assert cohort.status == CohortStatus.RUNNING


def schedule_data(dates, module=None):
    data = {}
    for number, day in enumerate(dates, start=1):
        data.update(
            {
                f"date_{number}_0": str(day.day),
                f"date_{number}_1": str(day.month),
                f"date_{number}_2": str(day.year),
                f"starts_{number}": "10:00",
                f"ends_{number}": "16:00",
                f"module_{number}": module.pk if module else "",
                f"venue_{number}": "Town hall",
            }
        )
    return data


class TestSchedulePage:
    def test_a_schedule_outside_six_to_nine_months_is_refused_with_the_figures(self, client, world):
        from datetime import date

        as_role(client, world, "facilitator")
        dates = [date(2030, 1, 15) + timedelta(days=20 * n) for n in range(6)]
        response = client.post(url("cohort-schedule", world["cohort"]), schedule_data(dates))
        assert response.status_code == 200
        html = response.content.decode()
        assert "govuk-error-summary" in html
        assert "The sessions span 3 months and 10 days: a Digital Academy runs over 6 to 9" in html

    def test_a_good_schedule_is_saved_and_blank_rows_ignored(self, client, world):
        from datetime import date

        as_role(client, world, "facilitator")
        module = ModuleFactory()
        dates = [date(2030, 1, 15) + timedelta(days=37 * n) for n in range(6)]
        response = client.post(
            url("cohort-schedule", world["cohort"]), schedule_data(dates, module)
        )
        assert response.status_code == 302
        sessions = list(world["cohort"].sessions.all())
        assert len(sessions) == 6
        assert all(session.module == module for session in sessions)
        assert timezone.localtime(sessions[0].starts_at).hour == 10

    def test_a_half_filled_row_is_named(self, client, world):
        as_role(client, world, "facilitator")
        response = client.post(url("cohort-schedule", world["cohort"]), {"venue_3": "Hall"})
        html = response.content.decode()
        assert "Enter the date of session 3" in html
        assert "Enter the start time of session 3" in html

    def test_the_page_shows_the_current_schedule(self, client, world):
        as_role(client, world, "facilitator")
        session = world["cohort"].sessions.get()
        html = client.get(url("cohort-schedule", world["cohort"])).content.decode()
        assert f'value="{timezone.localtime(session.starts_at).year}"' in html
        assert 'value="Town hall, committee room 1"' in html


class TestApplyPage:
    def test_a_member_on_the_register_applies(
        self, client, world, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        cohort = world["cohort"]
        membership = PlacePartnerFactory(place=cohort.place, partner_kind=PartnerKind.HEALTH)
        person = PersonFactory(organisation=membership.organisation)
        client.force_login(person.user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("apply", cohort),
                {
                    "motivation": "Integrate health and social care",
                    "sponsor_name": "Pat Boss",
                    "sponsor_job_title": "Chief executive",
                    "sponsor_email": "pat.boss@example.org",
                },
            )
        assert response.status_code == 302
        enrolment = Enrolment.objects.get(person=person)
        assert enrolment.partner_kind == PartnerKind.HEALTH
        assert mailoutbox[-1].to == ["pat.boss@example.org"]

    def test_without_a_register_entry(self, client, world):
        client.force_login(world["users"]["member"])
        response = client.get(url("apply", world["cohort"]))
        assert "Add your details before you apply" in response.content.decode()

    def test_refusal_shows_in_the_error_summary(self, client, world):
        client.force_login(PersonFactory().user)
        response = client.post(
            url("apply", world["cohort"]),
            {
                "motivation": "x",
                "sponsor_name": "Pat Boss",
                "sponsor_job_title": "CEO",
                "sponsor_email": "pat@example.org",
            },
        )
        assert "govuk-error-summary" in response.content.decode()
        assert "is not a partner of" in response.content.decode()

    def test_anonymous_is_sent_to_sign_in_and_drafts_are_404(self, client, world):
        assert client.get(url("apply", world["cohort"])).status_code == 302
        draft = CohortFactory(status=CohortStatus.DRAFT)
        client.force_login(world["users"]["member"])
        assert client.get(url("apply", draft)).status_code == 404

    def test_finished_cohort_refuses(self, client, world):
        finished = CohortFactory(status=CohortStatus.FINISHED)
        client.force_login(world["users"]["member"])
        assert client.get(url("apply", finished)).status_code == 403

    def test_member_academy_refuses_an_officer(self, client, world):
        cohort = CohortFactory(member=True)
        client.force_login(PersonFactory(role_type=RoleType.OFFICER).user)
        response = client.post(
            url("apply", cohort),
            {
                "motivation": "x",
                "sponsor_name": "Pat Boss",
                "sponsor_job_title": "CEO",
                "sponsor_email": "pat@example.org",
            },
        )
        assert "is for councillors" in response.content.decode()


class TestAddParticipant:
    def test_facilitator_adds_from_the_register(
        self, client, world, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        cohort = world["cohort"]
        membership = PlacePartnerFactory(
            place=cohort.place, partner_kind=PartnerKind.FIRE_AND_RESCUE
        )
        person = PersonFactory(organisation=membership.organisation)
        as_role(client, world, "facilitator")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("participant-add", cohort),
                {
                    "person": person.pk,
                    "sponsor_name": "Chief Fire Officer",
                    "sponsor_job_title": "Chief fire officer",
                    "sponsor_email": "cfo@example.org",
                },
            )
        assert response.status_code == 302
        assert response.url == url("participants", cohort)
        enrolment = Enrolment.objects.get(person=person)
        assert enrolment.status == EnrolmentStatus.AWAITING_SPONSOR
        assert enrolment.applied_by == world["users"]["facilitator"]
        assert "/academies/sponsor/" in mailoutbox[-1].body


class TestParticipantsPage:
    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("anonymous", 302),
            ("member", 403),
            ("participant", 200),
            ("other_participant", 403),
            ("facilitator", 200),
            ("admin", 200),
        ],
    )
    def test_access(self, client, world, role, status):
        response = as_role(client, world, role).get(url("participants", world["cohort"]))
        assert response.status_code == status

    def test_applications_and_sponsors_only_for_who_runs_it(self, client, world):
        waiting = EnrolmentFactory(
            cohort=world["cohort"], status=EnrolmentStatus.AWAITING_SPONSOR, sponsor_name="Kim Z"
        )
        as_role(client, world, "participant")
        html = client.get(url("participants", world["cohort"])).content.decode()
        assert waiting.person.full_name not in html
        assert "Kim Z" not in html
        client.force_login(world["users"]["facilitator"])
        html = client.get(url("participants", world["cohort"])).content.decode()
        assert waiting.person.full_name in html
        assert "Kim Z" in html
        assert "Waiting for sponsor" in html


def _token_for(enrolment) -> str:
    token = f"raw-token-{enrolment.pk}"
    enrolment.status = EnrolmentStatus.AWAITING_SPONSOR
    enrolment.sponsor_token_hash = hash_token(token)
    enrolment.sponsor_token_expires_at = timezone.now() + timedelta(days=3)
    enrolment.save()
    return token


class TestSponsorPage:
    def test_shows_the_application_and_approves_once(self, client, world):
        enrolment = EnrolmentFactory(cohort=world["cohort"], motivation="Share care records")
        token = _token_for(enrolment)
        sponsor_url = reverse("academies:sponsor", args=[token])
        html = client.get(sponsor_url).content.decode()
        assert enrolment.person.full_name in html
        assert "Share care records" in html
        assert world["cohort"].title in html
        response = client.post(sponsor_url, {"decision": "approve", "comment": "Yes"})
        assert response.status_code == 200
        assert "has a place" in response.content.decode()
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ENROLLED
        again = client.get(sponsor_url)
        assert again.status_code == 410
        assert "already been used" in again.content.decode()

    def test_a_choice_is_needed(self, client, world):
        token = _token_for(EnrolmentFactory(cohort=world["cohort"]))
        response = client.post(reverse("academies:sponsor", args=[token]), {})
        assert "Select whether you support this application" in response.content.decode()

    def test_decline(self, client, world):
        enrolment = EnrolmentFactory(cohort=world["cohort"])
        token = _token_for(enrolment)
        client.post(reverse("academies:sponsor", args=[token]), {"decision": "decline"})
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.SPONSOR_DECLINED

    def test_expired_and_unknown_links_get_a_clear_page(self, client, world):
        enrolment = EnrolmentFactory(cohort=world["cohort"])
        token = _token_for(enrolment)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            sponsor_token_expires_at=timezone.now() - timedelta(minutes=1)
        )
        response = client.get(reverse("academies:sponsor", args=[token]))
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        response = client.get(reverse("academies:sponsor", args=["nonsense"]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


class TestWithdrawAndMine:
    def test_participant_withdraws(self, client, world):
        as_role(client, world, "participant")
        response = client.post(url("withdraw", world["cohort"]))
        assert response.status_code == 302
        world["participant_enrolment"].refresh_from_db()
        assert world["participant_enrolment"].status == EnrolmentStatus.WITHDRAWN

    def test_someone_without_an_enrolment_cannot(self, client, world):
        as_role(client, world, "other_participant")
        assert client.post(url("withdraw", world["cohort"])).status_code == 403

    def test_your_academies_lists_enrolments_with_status(self, client, world):
        as_role(client, world, "participant")
        html = client.get(reverse("academies:mine")).content.decode()
        assert world["cohort"].title in html
        assert "Enrolled" in html
        client.force_login(world["users"]["facilitator"])
        html = client.get(reverse("academies:mine")).content.decode()
        assert "Cohorts you facilitate" in html
        assert world["cohort"].title in html

    def test_your_academies_needs_sign_in(self, client):
        assert client.get(reverse("academies:mine")).status_code == 302
