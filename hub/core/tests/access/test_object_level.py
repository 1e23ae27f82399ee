"""Object-level access, by name: what the table checks by status code, checked here also by
what the pages and lists show. Private events (and their Chatham House notes), unpublished
cases, confidential peer challenges, assessments (not even programme staff: ADR 0019) and
personal data (people, participants, attendees, exports with names)."""

import json

import pytest
from django.urls import reverse

from hub.events.models import PlaceStatus, RecordStatus
from hub.events.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- Invitation-only round tables ---------------------------------------------------------------


def test_a_private_event_is_not_found_by_the_uninvited(world, client):
    urls = [
        reverse(name, args=[world.private_event.slug])
        for name in ("events:detail", "events:attendees", "events:record", "events:ics")
    ]
    for user in (None, world.member, world.champion, world.facilitator, world.editor):
        if user:
            signed_in(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, (url, user)
    listing = text(signed_in(client, world.member).get(reverse("events:list")))
    assert world.private_event.title not in listing
    assert world.open_event.title in listing
    api = client.get(reverse("api-v1:list_events")).content.decode()
    assert world.private_event.slug not in api


def test_round_table_notes_are_never_attributed(world, client):
    """Chatham House: attendees read the key points, never who said them or who was there."""
    other = InvitationFactory(
        event=world.private_event, status=PlaceStatus.ACCEPTED, full_name="Quentin Attributable"
    )
    page = text(
        signed_in(client, world.invitee).get(
            reverse("events:record", args=[world.private_event.slug])
        )
    )
    record = world.private_event.record
    assert record.key_points in page
    assert other.full_name not in page
    assert world.event_facilitator.full_name not in page


def test_notes_shared_with_attendees_are_not_for_other_members(world, client):
    url = reverse("events:record", args=[world.private_event.slug])
    assert signed_in(client, world.member).get(url).status_code == 404
    # Published to the network: readable by members, though the event stays private.
    world.private_event.record.status = RecordStatus.PUBLISHED
    world.private_event.record.save()
    assert client.get(url).status_code == 200
    assert client.get(reverse("events:detail", args=[world.private_event.slug])).status_code == 404


def test_only_those_who_run_an_event_export_its_attendees(world, client):
    url = reverse("events:attendees_csv", args=[world.private_event.slug])
    assert signed_in(client, world.invitee).get(url).status_code == 403
    assert signed_in(client, world.member).get(url).status_code == 404
    response = signed_in(client, world.event_facilitator).get(url)
    assert response.status_code == 200
    assert world.invitee.email in text(response)


# --- Unpublished cases --------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["draft_case", "submitted_case"])
def test_an_unpublished_case_is_not_found_by_others(world, client, case):
    record = getattr(world, case)
    url = reverse("cases:detail", args=[record.slug])
    assert client.get(url).status_code == 404
    for user in (world.member, world.champion, world.facilitator):
        assert signed_in(client, user).get(url).status_code == 404
        assert record.title not in text(client.get(reverse("cases:list")))
    for user in (world.case_author, world.editor, world.programme_admin):
        assert signed_in(client, user).get(url).status_code == 200
    assert client.get(reverse("api-v1:get_case", args=[record.slug])).status_code == 404


def test_the_edit_pages_of_someone_elses_draft_are_not_found(world, client):
    """Regression: they answered 403, telling anyone the draft's address exists."""
    signed_in(client, world.member)
    slug = world.draft_case.slug
    assert client.get(reverse("cases:contribute-step", args=[slug, "summary"])).status_code == 404
    assert client.get(reverse("cases:contribute-check", args=[slug])).status_code == 404
    assert client.get(reverse("cases:adopt", args=[slug])).status_code == 404
    assert client.get(reverse("cases:ask", args=[slug])).status_code == 404
    assert (
        client.get(
            reverse("cases:contribute-submitted", args=[world.submitted_case.slug])
        ).status_code
        == 404
    )
    # Its author still edits it; a published case is still refused, not hidden.
    assert (
        signed_in(client, world.case_author)
        .get(reverse("cases:contribute-step", args=[slug, "summary"]))
        .status_code
        == 200
    )
    signed_in(client, world.member)
    assert (
        client.get(reverse("cases:contribute-step", args=[world.case.slug, "summary"])).status_code
        == 403
    )


# --- Confidential peer challenges ---------------------------------------------------------------


def test_a_confidential_challenge_is_not_found_by_outsiders(world, client):
    slug = world.challenge.slug
    urls = [
        reverse("peer_challenge:detail", args=[slug]),
        reverse("peer_challenge:report", args=[slug]),
        reverse("peer_challenge:enquiry", args=[slug]),
        reverse("peer_challenge:finding", args=[slug, world.finding.pk]),
        reverse("peer_challenge:action-plan", args=[slug]),
    ]
    for user in (world.member, world.champion, world.case_author):
        signed_in(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, (url, user)
        assert world.challenge.title not in text(client.get(reverse("peer_challenge:list")))
    for user in (world.peer, world.council_lead, world.facilitator):
        assert signed_in(client, user).get(urls[0]).status_code == 200
    client.logout()
    assert client.get(reverse("api-v1:get_challenge", args=[slug])).status_code == 404
    assert slug not in text(client.get(reverse("api-v1:list_challenges")))


def test_evidence_stays_confidential_after_publishing(world, client):
    url = reverse(
        "peer_challenge:line", args=[world.published_challenge.slug, world.published_line.code]
    )
    assert signed_in(client, world.member).get(url).status_code == 403
    report = reverse("peer_challenge:report", args=[world.published_challenge.slug])
    assert client.get(report).status_code == 200


# --- Assessments --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["detail", "results", "benchmark", "plan", "team"])
def test_an_assessment_is_its_teams_alone_not_even_programme_staffs(world, client, name):
    """ADR 0019: nobody outside the team sees an individual answer, programme staff included."""
    url = reverse(f"assessment:{name}", args=[world.assessment.pk])
    for user in (
        world.member,
        world.facilitator,
        world.editor,
        world.programme_admin,
        world.partner_person,
    ):
        assert signed_in(client, user).get(url).status_code == 404, user
    assert signed_in(client, world.team_lead).get(url).status_code == 200


def test_the_sector_view_shows_no_single_councils_scores(world, client):
    response = signed_in(client, world.programme_admin).get(reverse("assessment:sector-csv"))
    assert world.council.name not in text(response)


# --- Personal data ------------------------------------------------------------------------------


def test_the_people_list_and_roles_are_for_programme_admins(world, client):
    # The list is paginated by name, so the admin searches for the person, as they would.
    people = reverse("accounts:people") + f"?q={world.member.email}"
    roles = reverse("accounts:person-roles", args=[world.member.pk])
    for url in (people, roles):
        for user in (world.member, world.champion, world.facilitator, world.editor):
            assert signed_in(client, user).get(url).status_code == 403, (url, user)
        page = signed_in(client, world.programme_admin).get(url)
        assert page.status_code == 200
        assert world.member.email in text(page)


def test_the_account_page_is_only_ever_ones_own(world, client):
    page = text(signed_in(client, world.member).get(reverse("accounts:account")))
    assert world.member.email in page
    assert world.invitee.email not in page


def test_a_cohorts_participants_are_seen_by_its_participants_and_staff_only(world, client):
    url = reverse("academies:participants", args=[world.cohort.slug])
    name = world.enrolment.person.full_name
    for user in (world.member, world.champion, world.partner_person):
        response = signed_in(client, user).get(url)
        assert response.status_code == 403
        assert name not in text(response)
    assert name in text(signed_in(client, world.graduate).get(url))
    assert name in text(signed_in(client, world.facilitator).get(url))
    cohort_page = text(
        signed_in(client, world.member).get(reverse("academies:cohort", args=[world.cohort.slug]))
    )
    assert name not in cohort_page
    api = text(client.get(reverse("api-v1:get_cohort", args=[world.cohort.slug])))
    assert name not in api


def test_exports_with_names_are_for_their_roles(world, client):
    exports = [
        reverse("academies:cohort-attendance-csv", args=[world.cohort.slug]),
        reverse("academies:impact-csv", args=[world.cohort.slug]),
        reverse("academies:progress-csv"),
        reverse("champions:activity_csv"),
        reverse("champions:batch_export"),
    ]
    for url in exports:
        for user in (world.member, world.champion, world.participant):
            assert signed_in(client, user).get(url).status_code == 403, (url, user)
        client.logout()
        assert client.get(url).status_code == 302


def test_mentoring_is_the_mentee_and_champions_only(world, client):
    url = reverse("champions:mentoring", args=[world.mentoring.pk])
    for user in (world.member, world.facilitator, world.programme_admin):
        assert signed_in(client, user).get(url).status_code == 404, user
    assert signed_in(client, world.mentee).get(url).status_code == 200
    assert signed_in(client, world.champion).get(url).status_code == 200
    activity = text(signed_in(client, world.programme_admin).get(reverse("champions:activity")))
    assert world.mentoring.problem not in activity


def test_the_api_is_anonymous_public_data(world, client):
    """The API never lists an unpublished or private thing, even for a staff session."""
    signed_in(client, world.programme_admin)
    for name, hidden in (
        ("api-v1:list_cases", world.draft_case.slug),
        ("api-v1:list_events", world.private_event.slug),
        ("api-v1:list_champions", world.nomination.slug),
        ("api-v1:list_challenges", world.challenge.slug),
    ):
        body = json.loads(client.get(reverse(name)).content)
        assert hidden not in json.dumps(body), name


def test_a_records_history_is_as_private_as_the_record(world, client):
    """A history shows every field before and after: staff who may not see the record (an
    unpublished case, an invitation-only event they do not run, an assessment) get a 404."""
    for record_type, record, user in (
        ("case", world.draft_case, world.facilitator),
        ("event", world.private_event, world.editor),
        ("assessment", world.assessment, world.facilitator),
    ):
        url = reverse("privacy:history", args=[record_type, record.pk])
        response = signed_in(client, user).get(url)
        assert response.status_code == 404, record_type
        assert signed_in(client, world.programme_admin).get(url).status_code == 200
