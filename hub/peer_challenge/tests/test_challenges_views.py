"""Challenge pages: who may see and change each (anonymous, a plain member, someone of another
council, a peer, the lead peer, a council lead, programme staff; before and after publishing),
the list and its filters, setting up, the team, scoping and the position statement."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge.models import Challenge, ChallengeStatus, PeerRole
from hub.peer_challenge.tests.factories import ChallengeFactory, CouncilLeadFactory, PeerFactory
from hub.peer_challenge.tests.test_challenges import SCORES, closed_assessment

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "member", "other_council", "peer", "lead_peer", "council_lead", "staff"]


@pytest.fixture
def world():
    challenge = ChallengeFactory(title="Corporate peer challenge of Testport")
    users = {
        "anonymous": None,
        "member": UserFactory(roles=[Role.MEMBER]),
        "other_council": PersonFactory().user,
        "peer": PeerFactory(challenge=challenge, role=PeerRole.OFFICER_PEER).person.user,
        "lead_peer": PeerFactory(challenge=challenge, role=PeerRole.LEAD_PEER).person.user,
        "council_lead": CouncilLeadFactory(challenge=challenge).person.user,
        "staff": UserFactory(roles=[Role.FACILITATOR]),
    }
    return challenge, users


def as_(client, world, who):
    user = world[1][who]
    if user is not None:
        client.force_login(user)
    return client


def publish(challenge: Challenge) -> None:
    challenge.report_published_at = timezone.now()
    challenge.status = ChallengeStatus.PUBLISHED
    challenge.save()


# (page, who may) before publishing; everyone else who is signed in gets a 404 if they may not
# see the challenge, or a 403 if they may see it but not this.
PAGES = {
    "detail": {"peer", "lead_peer", "council_lead", "staff"},
    "edit": {"lead_peer", "staff"},
    "team": {"lead_peer", "staff"},
    "scoping": {"peer", "lead_peer", "council_lead", "staff"},
    "position": {"peer", "lead_peer", "council_lead", "staff"},
}
INSIDERS = {"peer", "lead_peer", "council_lead", "staff"}


def expected(page: str, who: str, *, published: bool) -> int:
    if who in PAGES[page] or (published and page == "detail"):
        return 200
    if who == "anonymous":
        return 302
    if who in INSIDERS or published:
        return 403
    return 404


class TestAccess:
    @pytest.mark.parametrize("published", [False, True])
    @pytest.mark.parametrize("page_name", list(PAGES))
    @pytest.mark.parametrize("who", PEOPLE)
    def test_every_page_for_everyone(self, client, world, who, page_name, published):
        challenge = world[0]
        if published:
            publish(challenge)
        response = as_(client, world, who).get(
            reverse(f"peer_challenge:{page_name}", args=[challenge.slug])
        )
        assert response.status_code == expected(page_name, who, published=published)
        if response.status_code == 302:
            assert reverse("accounts:sign-in") in response.url

    @pytest.mark.parametrize("who", ["member", "other_council", "peer", "council_lead"])
    def test_outsiders_and_other_insiders_cannot_change_anything(self, client, world, who):
        challenge = world[0]
        client = as_(client, world, who)
        client.post(reverse("peer_challenge:status", args=[challenge.slug]))
        client.post(reverse("peer_challenge:scoping", args=[challenge.slug]), {"notes": "Changed"})
        client.post(
            reverse("peer_challenge:team", args=[challenge.slug]),
            {"peer-person": PersonFactory().pk, "peer-role": PeerRole.MEMBER_PEER},
        )
        challenge.refresh_from_db()
        assert challenge.status == ChallengeStatus.SCOPING
        assert challenge.scoping_notes == ""
        assert challenge.peers.count() == 2

    @pytest.mark.parametrize(
        ("who", "allowed"),
        [
            ("peer", False),
            ("lead_peer", False),
            ("council_lead", True),
            ("staff", True),
            ("member", False),
        ],
    )
    def test_the_council_leads_and_staff_write_the_position(self, client, world, who, allowed):
        challenge = world[0]
        response = as_(client, world, who).post(
            reverse("peer_challenge:position", args=[challenge.slug]),
            {"statement": "We know our residents."},
        )
        challenge.refresh_from_db()
        assert (challenge.position_statement == "We know our residents.") is allowed
        assert response.status_code == (302 if allowed else 403 if who != "member" else 404)

    def test_an_unknown_challenge_is_not_found(self, client_as):
        response = client_as(Role.FACILITATOR).get(reverse("peer_challenge:detail", args=["no"]))
        assert response.status_code == 404


class TestList:
    def test_each_person_sees_only_what_they_may(self, client, world):
        challenge = world[0]
        hidden = ChallengeFactory(title="Someone else's challenge")
        shown = ChallengeFactory(title="A published challenge")
        publish(shown)
        titles = {}
        for who in ["anonymous", "member", "peer", "council_lead", "staff"]:
            client.logout()
            response = as_(client, world, who).get(reverse("peer_challenge:list"))
            titles[who] = {c.title for c in response.context["pagination"].object_list}
        assert titles["anonymous"] == titles["member"] == {shown.title}
        assert titles["peer"] == titles["council_lead"] == {shown.title, challenge.title}
        assert titles["staff"] == {shown.title, challenge.title, hidden.title}

    def test_the_public_never_learns_of_unpublished_challenges(self, client, world):
        html = client.get(reverse("peer_challenge:list")).content.decode()
        assert world[0].title not in html
        assert world[0].organisation.name not in html
        assert "0 challenges" in html

    def test_filters_and_pages(self, client_as, django_assert_max_num_queries):
        north = OrganisationFactory(region="North East", kind="county")
        for _ in range(27):
            ChallengeFactory(organisation=north)
        ChallengeFactory()
        client = client_as(Role.EDITOR)
        url = reverse("peer_challenge:list")
        with django_assert_max_num_queries(12):
            response = client.get(url, {"region": "North East", "kind": "county"})
        assert response.context["pagination"].total == 27
        assert len(response.context["pagination"].object_list) == 25
        html = response.content.decode()
        assert "?region=North+East&amp;kind=county&amp;page=2" in html
        second = client.get(url, {"region": "North East", "kind": "county", "page": 2})
        assert len(second.context["pagination"].object_list) == 2
        on_site = client.get(url, {"status": "on_site"})
        assert on_site.context["pagination"].total == 0

    def test_the_list_shows_the_lead_peer(self, client_as, world):
        lead = world[0].peers.get(role=PeerRole.LEAD_PEER)
        html = client_as(Role.EDITOR).get(reverse("peer_challenge:list")).content.decode()
        assert lead.person.full_name in html

    def test_only_staff_are_offered_setting_one_up(self, client_as):
        create = reverse("peer_challenge:create")
        assert (
            create
            not in client_as(Role.MEMBER).get(reverse("peer_challenge:list")).content.decode()
        )
        assert (
            create
            in client_as(Role.FACILITATOR).get(reverse("peer_challenge:list")).content.decode()
        )


def date_data(name: str, day) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


class TestSettingUp:
    def test_staff_set_up_a_challenge(self, client_as):
        council = OrganisationFactory(name="Testport Council")
        starts = timezone.localdate() + timedelta(days=30)
        data = {
            "organisation": council.pk,
            "title": "",
            **date_data("on_site_starts_on", starts),
            **date_data("on_site_ends_on", starts + timedelta(days=3)),
            **date_data("scoping_meeting_on", starts - timedelta(days=14)),
        }
        response = client_as(Role.FACILITATOR).post(reverse("peer_challenge:create"), data)
        challenge = Challenge.objects.get(organisation=council)
        assert response.url == reverse("peer_challenge:team", args=[challenge.slug])
        assert challenge.title == "Corporate peer challenge of Testport Council"
        assert challenge.scoping_meeting_on == starts - timedelta(days=14)
        assert challenge.framework.version == 1

    @pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION])
    def test_only_staff_may(self, client_as, role):
        response = client_as(role).get(reverse("peer_challenge:create"))
        assert response.status_code == (302 if role is None else 403)

    def test_the_visit_must_end_on_or_after_it_starts(self, client_as):
        starts = timezone.localdate()
        data = {
            "organisation": OrganisationFactory().pk,
            **date_data("on_site_starts_on", starts),
            **date_data("on_site_ends_on", starts - timedelta(days=1)),
        }
        response = client_as(Role.FACILITATOR).post(reverse("peer_challenge:create"), data)
        assert response.status_code == 200
        assert "The on-site visit must end on or after the day it starts" in (
            response.content.decode()
        )
        assert not Challenge.objects.exists()

    def test_only_current_councils_are_offered(self, client_as):
        nhs = OrganisationFactory(kind="nhs_body", name="Testshire NHS Trust")
        response = client_as(Role.FACILITATOR).get(reverse("peer_challenge:create"))
        assert nhs.name not in response.content.decode()
        response = client_as(Role.FACILITATOR).post(
            reverse("peer_challenge:create"), {"organisation": nhs.pk}
        )
        assert "Choose a current council from the list" in response.content.decode()
        assert "Enter the start date" in response.content.decode()

    def test_the_lead_peer_changes_the_dates_and_the_address_stays(self, client, world):
        challenge = world[0]
        ends = challenge.on_site_ends_on + timedelta(days=1)
        data = {
            "title": "Renamed",
            **date_data("on_site_starts_on", challenge.on_site_starts_on),
            **date_data("on_site_ends_on", ends),
        }
        response = as_(client, world, "lead_peer").post(
            reverse("peer_challenge:edit", args=[challenge.slug]), data
        )
        assert response.url == challenge.get_absolute_url()
        slug = challenge.slug
        challenge.refresh_from_db()
        assert (challenge.title, challenge.on_site_ends_on, challenge.slug) == (
            "Renamed",
            ends,
            slug,
        )


class TestDetail:
    def test_shows_the_summary_team_deadlines_and_links(self, client, world):
        challenge = world[0]
        lead = challenge.council_leads.get().person
        response = as_(client, world, "peer").get(challenge.get_absolute_url())
        html = response.content.decode()
        for member in challenge.peers.select_related("person"):
            assert member.person.full_name in html
            assert member.get_role_display() in html
        assert lead.full_name in html
        assert challenge.organisation.name in html
        report_by = response.context["deadlines"]["report"]
        assert "Report published by</dt>" in html
        assert f"{report_by.day} {report_by:%B %Y}" in html
        for name in ["enquiry", "report", "action-plan", "progress-review", "scoping"]:
            assert reverse(f"peer_challenge:{name}", args=[challenge.slug]) in html
        assert reverse("peer_challenge:status", args=[challenge.slug]) not in html

    def test_the_public_sees_a_published_challenge_without_confidential_parts(self, client, world):
        challenge = world[0]
        challenge.scoping_meeting_on = challenge.on_site_starts_on - timedelta(days=20)
        challenge.save()
        publish(challenge)
        html = client.get(challenge.get_absolute_url()).content.decode()
        assert challenge.council_leads.get().person.full_name not in html
        assert reverse("peer_challenge:scoping", args=[challenge.slug]) not in html
        assert "Scoping meeting" not in html
        assert reverse("peer_challenge:report", args=[challenge.slug]) in html

    @pytest.mark.parametrize("who", ["lead_peer", "staff"])
    def test_staff_and_the_lead_peer_move_the_status_on(self, client, world, who):
        challenge = world[0]
        client = as_(client, world, who)
        url = reverse("peer_challenge:status", args=[challenge.slug])
        assert url in client.get(challenge.get_absolute_url()).content.decode()
        client.post(url)
        client.post(url)
        challenge.refresh_from_db()
        assert challenge.status == ChallengeStatus.REPORTING
        response = client.post(url, follow=True)
        assert "moves on from here when the council publishes the report" in (
            response.content.decode()
        )


class TestTeamPage:
    def test_adds_a_peer_and_emails_them(
        self, client, world, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        challenge = world[0]
        person = PersonFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = as_(client, world, "staff").post(
                reverse("peer_challenge:team", args=[challenge.slug]),
                {"peer-person": person.pk, "peer-role": PeerRole.MEMBER_PEER},
            )
        assert response.status_code == 302
        assert challenge.peers.filter(person=person, role=PeerRole.MEMBER_PEER).exists()
        assert [m.to for m in mailoutbox] == [[person.user.email]]

    def test_refuses_someone_of_the_council_under_review(self, client, world):
        challenge = world[0]
        insider = PersonFactory(organisation=challenge.organisation, full_name="Ivy Insider")
        response = as_(client, world, "lead_peer").post(
            reverse("peer_challenge:team", args=[challenge.slug]),
            {"peer-person": insider.pk, "peer-role": PeerRole.OFFICER_PEER},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f"Ivy Insider works for {challenge.organisation.name}, the council under review" in (
            html
        )
        assert "govuk-error-summary" in html
        assert not challenge.peers.filter(person=insider).exists()

    def test_refuses_a_second_lead_peer(self, client, world):
        challenge = world[0]
        lead = challenge.peers.get(role=PeerRole.LEAD_PEER).person
        response = as_(client, world, "staff").post(
            reverse("peer_challenge:team", args=[challenge.slug]),
            {"peer-person": PersonFactory().pk, "peer-role": PeerRole.LEAD_PEER},
        )
        assert f"{lead.full_name} is already the lead peer" in response.content.decode()
        assert challenge.peers.filter(role=PeerRole.LEAD_PEER).count() == 1

    def test_removes_a_peer_and_adds_and_removes_a_council_lead(self, client, world):
        challenge = world[0]
        client = as_(client, world, "staff")
        peer = challenge.peers.get(role=PeerRole.OFFICER_PEER)
        client.post(reverse("peer_challenge:peer-remove", args=[challenge.slug, peer.pk]))
        assert not challenge.peers.filter(pk=peer.pk).exists()

        colleague = PersonFactory(organisation=challenge.organisation)
        team_page = client.get(reverse("peer_challenge:team", args=[challenge.slug]))
        assert colleague.full_name in team_page.content.decode()
        client.post(
            reverse("peer_challenge:team", args=[challenge.slug]), {"lead-person": colleague.pk}
        )
        lead = challenge.council_leads.get(person=colleague)
        client.post(reverse("peer_challenge:lead-remove", args=[challenge.slug, lead.pk]))
        assert not challenge.council_leads.filter(person=colleague).exists()

    def test_a_council_lead_must_be_of_the_council(self, client, world):
        challenge = world[0]
        stranger = PersonFactory()
        response = as_(client, world, "staff").post(
            reverse("peer_challenge:team", args=[challenge.slug]), {"lead-person": stranger.pk}
        )
        assert f"Choose someone of {challenge.organisation.name}" in response.content.decode()

    def test_a_peer_of_another_challenge_is_not_found(self, client, world):
        other = PeerFactory()
        response = as_(client, world, "staff").post(
            reverse("peer_challenge:peer-remove", args=[world[0].slug, other.pk])
        )
        assert response.status_code == 404
        assert other.challenge.peers.filter(pk=other.pk).exists()


class TestScopingAndPosition:
    def test_the_scoping_record_is_saved_and_rendered_safely(self, client, world):
        challenge = world[0]
        client = as_(client, world, "lead_peer")
        url = reverse("peer_challenge:scoping", args=[challenge.slug])
        client.post(
            url,
            {
                **date_data("scoping_meeting_on", challenge.on_site_starts_on - timedelta(days=21)),
                "notes": "**Scope**: customer services\n\n<script>alert(1)</script>",
            },
        )
        challenge.refresh_from_db()
        assert challenge.scoping_meeting_on == challenge.on_site_starts_on - timedelta(days=21)
        html = as_(client, world, "council_lead").get(url).content.decode()
        assert "<strong>Scope</strong>" in html
        assert "<script>alert(1)</script>" not in html

    def test_a_peer_reads_the_scoping_record_without_a_form(self, client, world):
        response = as_(client, world, "peer").get(
            reverse("peer_challenge:scoping", args=[world[0].slug])
        )
        assert response.context["form"] is None

    def test_starts_from_the_latest_self_assessment(self, client, world):
        challenge = world[0]
        assessment = closed_assessment(challenge.organisation, SCORES, title="Spring review")
        client = as_(client, world, "council_lead")
        url = reverse("peer_challenge:position", args=[challenge.slug])
        page = client.get(url).content.decode()
        assert "Start from our latest self-assessment" in page
        response = client.post(url, {"from_assessment": "1"}, follow=True)
        html = response.content.decode()
        assert "What digital can do: 100" in html
        assert "Our strongest capability is What digital can do" in html
        challenge.refresh_from_db()
        assert challenge.position_from_assessment_id == assessment.pk

    def test_says_so_when_there_is_no_closed_self_assessment(self, client, world):
        challenge = world[0]
        client = as_(client, world, "staff")
        url = reverse("peer_challenge:position", args=[challenge.slug])
        assert "has no closed self-assessment to start from" in client.get(url).content.decode()
        response = client.post(url, {"from_assessment": "1"}, follow=True)
        assert "has no closed self-assessment to start from" in response.content.decode()
        challenge.refresh_from_db()
        assert challenge.position_statement == ""


def test_the_list_links_programme_staff_to_deadlines_and_learning(client, user_with_role):
    from hub.accounts.roles import Role

    assert "/peer-challenge/deadlines/" not in client.get("/peer-challenge/").content.decode()
    client.force_login(user_with_role(Role.FACILITATOR))
    body = client.get("/peer-challenge/").content.decode()
    assert 'href="/peer-challenge/deadlines/"' in body
    assert 'href="/peer-challenge/learning/"' in body


def test_the_action_plan_is_linked_only_to_those_who_may_see_it(client):
    from hub.peer_challenge.tests.factories import ChallengeFactory, CouncilLeadFactory

    challenge = ChallengeFactory(report_published_at=timezone.now(), status="published")
    lead = CouncilLeadFactory(challenge=challenge)
    plan_url = f"/peer-challenge/{challenge.slug}/action-plan"
    assert plan_url not in client.get(challenge.get_absolute_url()).content.decode()
    client.force_login(lead.person.user)
    assert plan_url in client.get(challenge.get_absolute_url()).content.decode()
