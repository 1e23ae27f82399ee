import csv
import io

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.tests.factories import PersonFactory
from hub.privacy.audit import RECORD_TYPES

pytestmark = pytest.mark.django_db


def _history(kind: str, pk: int) -> str:
    return reverse("privacy:history", args=[kind, pk])


def test_a_change_records_who_what_and_when_with_field_names(client, user_with_role):
    editor = user_with_role(Role.EDITOR)
    case = ResourceFactory(status=Status.SUBMITTED, title="Bins reported online")
    client.force_login(editor)
    case.status = Status.PUBLISHED
    before = LogEntry.objects.count()
    with set_actor(editor):  # as AuditlogMiddleware does for a request
        case.save()
    assert LogEntry.objects.count() == before + 1

    page = client.get(_history("case", case.pk)).content.decode()
    assert "History of Bins reported online" in page
    assert editor.full_name in page
    assert "Status" in page
    assert "Submitted for review → Published" in page


def test_role_changes_are_in_the_history_of_an_account(client, user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    member = user_with_role(Role.MEMBER)
    client.force_login(admin)
    client.post(reverse("accounts:person-roles", args=[member.pk]), {"roles": [Role.EDITOR]})

    entry = LogEntry.objects.get_for_object(member).filter(changes__icontains="groups").first()
    assert entry is not None
    assert entry.actor == admin
    page = client.get(_history("account", member.pk)).content.decode()
    assert "Groups" in page
    assert "Added: editor" in page


def test_secrets_never_enter_the_log():
    user = UserFactory()
    user.set_password("a-brand-new-password-1")
    user.save()
    invitation = InvitationFactory()
    entries = LogEntry.objects.filter(object_pk__in=[str(user.pk), str(invitation.pk)])
    text = " ".join(str(e.changes) for e in entries)
    assert "password" not in text
    assert "token_hash" not in text
    assert invitation.token_hash not in text


@pytest.mark.parametrize(
    ("role", "kind", "expected"),
    [
        (None, "case", 302),
        (Role.MEMBER, "case", 403),
        (Role.CHAMPION, "case", 403),
        (Role.EDITOR, "case", 200),
        (Role.FACILITATOR, "case", 200),
        (Role.PROGRAMME_ADMIN, "case", 200),
        (Role.MEMBER, "person", 403),
        (Role.EDITOR, "person", 403),
        (Role.FACILITATOR, "account", 403),
        (Role.PROGRAMME_ADMIN, "person", 200),
    ],
)
def test_nobody_outside_staff_sees_a_history(client_as, role, kind, expected):
    record = ResourceFactory() if kind == "case" else PersonFactory()
    pk = record.pk if kind != "account" else record.user.pk
    response = client_as(role).get(_history(kind, pk))
    assert response.status_code == expected


def test_every_audited_record_type_has_a_history_page(client, user_with_role):
    client.force_login(user_with_role(Role.PROGRAMME_ADMIN))
    for kind in RECORD_TYPES:
        assert client.get(_history(kind, 999999)).status_code == 404
    assert client.get(_history("no-such-kind", 1)).status_code == 404


def test_the_change_list_filters_pages_and_downloads(client, user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    ResourceFactory(title="Case in the list")
    PersonFactory(full_name="Someone Listed")
    client.force_login(admin)

    cases_only = client.get(reverse("privacy:changes"), {"record_type": "case"}).content.decode()
    assert "Case in the list" in cases_only
    assert "Someone Listed" not in cases_only

    future = client.get(reverse("privacy:changes"), {"from_date": "1/1/2999"}).content.decode()
    assert "No changes match these filters" in future

    bad = client.get(reverse("privacy:changes"), {"from_date": "31/2/2026"}).content.decode()
    assert "There is a problem" in bad

    response = client.get(reverse("privacy:changes-csv"), {"record_type": "person"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["When", "Who", "Action"]
    assert any("Someone Listed" in row[4] for row in rows[1:])
    assert not any("Case in the list" in row[4] for row in rows[1:])


def test_the_change_list_filters_by_who_changed(client, user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    editor = user_with_role(Role.EDITOR, full_name="Edna Editor")
    with set_actor(editor):
        ResourceFactory(title="Edited by Edna")
    ResourceFactory(title="Made by nobody")
    client.force_login(admin)
    page = client.get(reverse("privacy:changes"), {"person": "edna"}).content.decode()
    assert "Edited by Edna" in page
    assert "Made by nobody" not in page


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.EDITOR, Role.FACILITATOR])
def test_only_programme_admins_see_the_change_list(client_as, role):
    client = client_as(role)
    for url in (reverse("privacy:changes"), reverse("privacy:changes-csv")):
        assert client.get(url).status_code == (302 if role is None else 403)


def test_the_change_list_is_paginated(client, user_with_role):
    ResourceFactory.create_batch(30)
    client.force_login(user_with_role(Role.PROGRAMME_ADMIN))
    page = client.get(reverse("privacy:changes"), {"record_type": "case"}).content.decode()
    assert 'aria-label="Page 2"' in page


def test_staff_who_may_not_see_a_record_may_not_see_its_history(client_as, user_with_role):
    draft = ResourceFactory(status=Status.DRAFT)
    private_event = EventFactory()  # invitation only, run by nobody here
    facilitator = client_as(Role.FACILITATOR)
    assert facilitator.get(_history("case", draft.pk)).status_code == 404
    assert facilitator.get(_history("event", private_event.pk)).status_code == 404


def test_those_who_run_an_event_and_admins_see_its_history(client, user_with_role):
    runner = user_with_role(Role.FACILITATOR)
    event = EventFactory()
    event.facilitators.add(runner)
    client.force_login(runner)
    assert client.get(_history("event", event.pk)).status_code == 200
    client.force_login(user_with_role(Role.PROGRAMME_ADMIN))
    assert client.get(_history("event", event.pk)).status_code == 200
    assert client.get(_history("case", ResourceFactory(status=Status.DRAFT).pk)).status_code == 200
