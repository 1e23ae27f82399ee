"""Profile pages: who sees a profile, nominating, the nominations queue and its decisions, and
a champion's own changes. Every refusal is checked on the server."""

import pytest
from django.core import mail
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.champions.models import ChampionProfile, Frequency, ProfileStatus
from hub.champions.search import SEARCH_KIND
from hub.champions.services import NominationRefused, champion_decide, champion_nominate
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.events.tests.factories import EventFactory
from hub.organisations.models import Seniority
from hub.organisations.tests.factories import PersonFactory
from hub.search.models import SearchDocument
from hub.taxonomy.models import Theme
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

STAFF = [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN]


def chief_executive():
    return PersonFactory(seniority=Seniority.CHIEF_EXECUTIVE).user


def own_profile(**fields) -> ChampionProfile:
    return ChampionProfileFactory(**fields)


# The profile page


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION, *STAFF])
def test_an_approved_profile_is_public(client_as, role):
    area = ServiceAreaFactory(label="Housing repairs")
    case = ResourceFactory(title="Repairs reported online")
    hidden_case = ResourceFactory(title="A draft about bins", status=Status.DRAFT)
    profile = ChampionProfileFactory(
        service_areas=[area],
        themes=[Theme.objects.first()],
        cases_led=[case, hidden_case],
        experience="Led **repairs** online.<script>alert(1)</script>",
    )
    response = client_as(role).get(profile.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert profile.person.full_name in page
    assert profile.person.organisation.name in page
    assert "<strong>repairs</strong>" in page
    assert "<script>alert" not in page
    assert "Housing repairs" in page
    assert f'href="{case.get_absolute_url()}"' in page
    assert "A draft about bins" not in page
    assert "Can take 2 more mentees" in page


@pytest.mark.parametrize("trait", ["nominated", "declined"])
@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION])
def test_a_profile_not_approved_is_a_404_to_those_who_may_not_view_it(client_as, role, trait):
    profile = ChampionProfileFactory(**{trait: True})
    assert client_as(role).get(profile.get_absolute_url()).status_code == 404
    assert client_as(role).get(reverse("champions:edit", args=[profile.slug])).status_code == 404


def test_a_chief_executive_who_nominated_someone_cannot_see_the_nomination(client):
    nominator = chief_executive()
    profile = ChampionProfileFactory(nominated=True, nominated_by=nominator)
    client.force_login(nominator)
    assert client.get(profile.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", STAFF)
def test_programme_staff_see_a_nomination_marked_as_such(client_as, role):
    profile = ChampionProfileFactory(nominated=True)
    response = client_as(role).get(profile.get_absolute_url())
    assert response.status_code == 200
    assert "This profile is nominated" in response.content.decode()


def test_the_nominee_sees_their_own_nominated_profile(client):
    profile = ChampionProfileFactory(nominated=True)
    client.force_login(profile.person.user)
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    assert "Only you and the programme team can see it" in response.content.decode()


def test_a_full_champion_is_not_taking_mentees(client):
    profile = ChampionProfileFactory(mentee_capacity=1)
    MentoringFactory(champion=profile)
    MentoringFactory(champion=profile, closed=True)
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Not taking mentees now" in page


def test_the_page_lists_upcoming_public_sessions_the_champion_hosts(client):
    profile = ChampionProfileFactory()
    host = profile.person.user
    hosted = EventFactory(open_session=True, host=host, title="Cloud phones open session")
    EventFactory(open_session=True, host=host, past=True, title="Last year's session")
    EventFactory(open_session=True, host=host, cancelled=True, title="Called off session")
    EventFactory(host=host, title="A private round table")
    page = client.get(profile.get_absolute_url()).content.decode()
    assert hosted.title in page
    assert f'href="{hosted.get_absolute_url()}"' in page
    for hidden in ("Last year's session", "Called off session", "A private round table"):
        assert hidden not in page


def test_the_champion_sees_a_link_to_change_their_profile_and_others_do_not(client):
    profile = ChampionProfileFactory()
    edit_url = reverse("champions:edit", args=[profile.slug])
    assert edit_url not in client.get(profile.get_absolute_url()).content.decode()
    client.force_login(profile.person.user)
    assert edit_url in client.get(profile.get_absolute_url()).content.decode()


# Nominating


def nomination_data(person, **overrides) -> dict:
    return {
        "person": person.pk,
        "role_summary": "Chief executive who led a move to cloud telephony",
        "experience": "Moved 40 services online in three years.",
        "mentee_capacity": "3",
        "meeting_frequency": Frequency.FORTNIGHTLY,
        "nomination_reason": "She has done it and shares generously.",
        **overrides,
    }


def test_a_chief_executive_nominates_and_the_admins_are_emailed(
    client, django_capture_on_commit_callbacks, immediate_tasks
):
    admin = UserFactory(roles=[Role.PROGRAMME_ADMIN])
    client.force_login(chief_executive())
    person = PersonFactory()
    case = ResourceFactory()
    area = ServiceAreaFactory()
    theme = Theme.objects.first()
    data = nomination_data(
        person,
        cases_led=f"https://hub.example.org{case.get_absolute_url()}",
        service_areas=[area.pk],
        themes=[theme.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("champions:nominate"), data)
    assert response.status_code == 302
    profile = ChampionProfile.objects.get(person=person)
    assert profile.status == ProfileStatus.NOMINATED
    assert list(profile.cases_led.all()) == [case]
    assert list(profile.service_areas.all()) == [area]
    assert profile.mentee_capacity == 3
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert reverse("champions:decide", args=[profile.pk]) in mail.outbox[0].body
    assert not SearchDocument.objects.filter(kind=SEARCH_KIND, object_id=profile.pk).exists()


@pytest.mark.parametrize("role", STAFF)
def test_programme_staff_may_nominate(client_as, role):
    assert client_as(role).get(reverse("champions:nominate")).status_code == 200


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_members_and_champions_may_not_nominate(client_as, role):
    client = client_as(role)
    person = PersonFactory()
    assert client.get(reverse("champions:nominate")).status_code == 403
    assert client.post(reverse("champions:nominate"), nomination_data(person)).status_code == 403
    assert not ChampionProfile.objects.exists()


def test_visitors_are_sent_to_sign_in_to_nominate(client):
    response = client.get(reverse("champions:nominate"))
    assert response.status_code == 302
    assert "sign-in" in response.url or "login" in response.url


def test_a_nomination_shows_errors_in_the_summary(client):
    client.force_login(chief_executive())
    person = PersonFactory()
    response = client.post(
        reverse("champions:nominate"),
        nomination_data(person, role_summary="", cases_led="/cases/no-such-case/"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter their role in a line" in page
    assert "not addresses of published good practice cases: no-such-case" in page
    assert not ChampionProfile.objects.exists()


def test_someone_with_a_profile_cannot_be_nominated_again():
    profile = ChampionProfileFactory(declined=True)
    with pytest.raises(NominationRefused):
        champion_nominate(
            person=profile.person,
            by=chief_executive(),
            data={"role_summary": "x", "experience": "y"},
        )


# Deciding


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION, Role.EDITOR, Role.FACILITATOR])
def test_only_programme_admins_see_or_decide_nominations(client_as, role):
    profile = ChampionProfileFactory(nominated=True)
    client = client_as(role)
    expected = 302 if role is None else 403
    assert client.get(reverse("champions:nominations")).status_code == expected
    decide = reverse("champions:decide", args=[profile.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == expected
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.NOMINATED


def test_a_chief_executive_cannot_decide_their_own_nomination(client):
    nominator = chief_executive()
    profile = ChampionProfileFactory(nominated=True, nominated_by=nominator)
    client.force_login(nominator)
    decide = reverse("champions:decide", args=[profile.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403


def test_approval_publishes_indexes_grants_the_role_and_emails_the_champion(
    client_as, django_capture_on_commit_callbacks, immediate_tasks
):
    profile = ChampionProfileFactory(nominated=True, role_summary="Led cloud telephony")
    client = client_as(Role.PROGRAMME_ADMIN)
    queue = client.get(reverse("champions:nominations")).content.decode()
    assert profile.person.full_name in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("champions:decide", args=[profile.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.APPROVED
    assert profile.decided_at is not None
    assert profile.person.user.has_role(Role.CHAMPION)
    document = SearchDocument.objects.get(kind=SEARCH_KIND, object_id=profile.pk)
    assert document.title == f"{profile.person.full_name}: Led cloud telephony"
    assert [message.to for message in mail.outbox] == [[profile.person.user.email]]
    queue = client.get(reverse("champions:nominations")).content.decode()
    assert reverse("champions:decide", args=[profile.pk]) not in queue


def test_a_decline_needs_a_note_which_goes_to_the_nominator(
    client_as, django_capture_on_commit_callbacks, immediate_tasks
):
    profile = ChampionProfileFactory(nominated=True)
    client = client_as(Role.PROGRAMME_ADMIN)
    decide = reverse("champions:decide", args=[profile.pk])
    response = client.post(decide, {"decision": "decline", "note": ""})
    assert response.status_code == 200
    assert "Enter why the nomination is declined" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"decision": "decline", "note": "Too early in their programme."})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.DECLINED
    assert profile.decision_note == "Too early in their programme."
    assert [message.to for message in mail.outbox] == [[profile.nominated_by.email]]
    assert "Too early" in mail.outbox[0].body
    assert not SearchDocument.objects.filter(kind=SEARCH_KIND, object_id=profile.pk).exists()


def test_a_decided_nomination_cannot_be_decided_again(client_as):
    profile = ChampionProfileFactory()
    with pytest.raises(NominationRefused):
        champion_decide(profile=profile, by=UserFactory(), approve=False, note="no")
    client = client_as(Role.PROGRAMME_ADMIN)
    assert client.get(reverse("champions:decide", args=[profile.pk])).status_code == 404


# Editing


def edit_data(**overrides) -> dict:
    return {
        "available": "",
        "mentee_capacity": "4",
        "meeting_frequency": Frequency.QUARTERLY,
        "role_summary": "Head of digital, now advising peers",
        "experience": "Led repairs online and a shared contact centre.",
        **overrides,
    }


def test_the_champion_edits_their_own_profile_and_it_is_reindexed(
    client, django_capture_on_commit_callbacks, immediate_tasks
):
    profile = ChampionProfileFactory()
    client.force_login(profile.person.user)
    edit = reverse("champions:edit", args=[profile.slug])
    assert client.get(edit).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, edit_data())
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.available, profile.mentee_capacity) == (False, 4)
    assert profile.meeting_frequency == Frequency.QUARTERLY
    document = SearchDocument.objects.get(kind=SEARCH_KIND, object_id=profile.pk)
    assert "shared contact centre" in document.body


def test_a_programme_admin_edits_any_profile(client_as):
    profile = ChampionProfileFactory()
    client = client_as(Role.PROGRAMME_ADMIN)
    response = client.post(
        reverse("champions:edit", args=[profile.slug]), edit_data(mentee_capacity="1")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.mentee_capacity == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION, Role.EDITOR, Role.FACILITATOR])
def test_others_may_not_edit_a_profile(client_as, role):
    profile = ChampionProfileFactory()
    client = client_as(role)
    edit = reverse("champions:edit", args=[profile.slug])
    assert client.get(edit).status_code == 403
    assert client.post(edit, edit_data(mentee_capacity="9")).status_code == 403
    profile.refresh_from_db()
    assert profile.mentee_capacity == 2


def test_visitors_are_sent_to_sign_in_to_edit(client):
    profile = ChampionProfileFactory()
    response = client.get(reverse("champions:edit", args=[profile.slug]))
    assert response.status_code == 302
    assert response.url.endswith(f"?next=/champions/{profile.slug}/edit/")


def test_a_capacity_over_twenty_is_refused(client):
    profile = ChampionProfileFactory()
    client.force_login(profile.person.user)
    response = client.post(
        reverse("champions:edit", args=[profile.slug]), edit_data(mentee_capacity="21")
    )
    assert response.status_code == 200
    assert "Enter 20 mentees or fewer" in response.content.decode()


# The link from an event's speaker


def test_an_event_links_its_speaker_to_their_approved_champion_profile(client):
    profile = ChampionProfileFactory()
    event = EventFactory(open_session=True, speaker=profile.person)
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{profile.get_absolute_url()}"' in page


def test_an_event_does_not_link_a_speaker_whose_profile_is_only_nominated(client):
    profile = ChampionProfileFactory(nominated=True)
    event = EventFactory(open_session=True, speaker=profile.person)
    page = client.get(event.get_absolute_url()).content.decode()
    assert profile.person.full_name in page
    assert profile.get_absolute_url() not in page


def test_a_case_page_links_to_the_approved_champions_who_led_it(client):
    case = ResourceFactory(status=Status.PUBLISHED)
    led = ChampionProfileFactory(cases_led=[case])
    waiting = ChampionProfileFactory(nominated=True, cases_led=[case])
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Digital champions who led this" in page
    assert led.get_absolute_url() in page
    assert waiting.get_absolute_url() not in page
