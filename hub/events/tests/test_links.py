"""A council's page shows which of its people attended what, as far as the viewer may see."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events.models import Attendance, AttendeeListVisibility, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    organisation = OrganisationFactory()
    chief = PersonFactory(organisation=organisation, full_name="Morag Lindqvist")
    round_table = EventFactory(past=True, title="Round table on care")
    listed_session = EventFactory(
        open_session=True,
        past=True,
        title="Open session on inclusion",
        attendee_list_visibility=AttendeeListVisibility.NETWORK,
    )
    unlisted_session = EventFactory(open_session=True, past=True, title="Unlisted session")
    absent_from = EventFactory(open_session=True, past=True, title="Missed session")
    for event in (round_table, listed_session, unlisted_session):
        InvitationFactory(
            event=event, person=chief, status=PlaceStatus.ACCEPTED, attendance=Attendance.PRESENT
        )
    InvitationFactory(
        event=absent_from, person=chief, status=PlaceStatus.ACCEPTED, attendance=Attendance.ABSENT
    )
    # Someone from another council at the same round table.
    InvitationFactory(
        event=round_table,
        person=PersonFactory(full_name="Other Council Person"),
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.PRESENT,
    )
    return organisation


def page(client, organisation) -> str:
    response = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_see_every_event_its_people_were_at(client, council, role):
    client.force_login(UserFactory(roles=[role]))
    html = page(client, council)
    assert "Events attended" in html
    assert "Round table on care" in html
    assert "Open session on inclusion" in html
    assert "Unlisted session" in html
    assert "Morag Lindqvist" in html
    assert "Missed session" not in html
    assert "Other Council Person" not in html


def test_a_member_sees_only_open_sessions_that_list_their_attendees(client, council):
    client.force_login(UserFactory())
    html = page(client, council)
    assert "Open session on inclusion" in html
    assert "Morag Lindqvist" in html
    assert "Round table on care" not in html
    assert "Unlisted session" not in html


def test_the_public_sees_no_names(client, council):
    html = page(client, council)
    assert "Events attended" in html
    assert "Morag Lindqvist" not in html
    assert "Open session on inclusion" not in html


def test_organisations_python_never_imports_events():
    package = Path(__file__).resolve().parents[2] / "organisations"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("hub.events"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("hub.events") for a in node.names), path
