import json

import pytest
from auditlog.context import set_actor
from django.urls import reverse

from hub.cases.tests.factories import ResourceFactory
from hub.organisations.tests.factories import PersonFactory
from hub.privacy import registry
from hub.privacy.services import personal_data_export
from hub.privacy.tests.people import someone_with_data_everywhere

pytestmark = pytest.mark.django_db

EVERY_APP = {
    "accounts",
    "organisations",
    "cases",
    "events",
    "champions",
    "academies",
    "assessment",
    "peer_challenge",
    "market",
}


def _filled(section: dict) -> bool:
    return any(
        value not in (None, [], {}, 0, False) for key, value in section.items() if key != "about"
    )


def test_every_app_holding_personal_data_contributes_an_exporter_and_an_eraser():
    assert {source.key for source in registry.sources()} == EVERY_APP


def test_the_export_holds_the_persons_data_from_every_app_and_nothing_of_anothers():
    ada = someone_with_data_everywhere("Ada Exampleton", "marmalade")
    bob = someone_with_data_everywhere("Bob Otherperson", "liquorice")

    export = personal_data_export(user=ada.user)
    text = json.dumps(export, default=str)

    assert "README" in export
    empty = [key for key in EVERY_APP if not _filled(export[key])]
    assert empty == []
    for mark in ada.marks:
        assert mark in text
    for mark in bob.marks:
        assert mark not in text


def test_a_person_downloads_their_data_as_one_json_file(client):
    ada = someone_with_data_everywhere("Ada Exampleton", "marmalade")
    client.force_login(ada.user)

    response = client.get(reverse("privacy:download"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["accounts"]["account"]["email"] == ada.user.email
    assert data["cases"]["cases_contributed"][0]["title"] == "Case of marmalade"


def test_signing_in_is_needed_to_download(client):
    response = client.get(reverse("privacy:download"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_the_account_page_says_what_is_kept_and_for_how_long(client, user_with_role):
    client.force_login(user_with_role())
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Download your data" in page
    assert "24 months after the event" in page
    assert "Ask for your data to be erased" in page


def test_the_export_lists_changes_the_person_made_without_others_names(user_with_role):
    editor = user_with_role()
    with set_actor(editor):
        ResourceFactory(title="A case they wrote")
        PersonFactory(full_name="Someone Else Entirely")
    changes = personal_data_export(user=editor)["privacy"]["changes_you_made"]
    assert {c["kind_of_record"] for c in changes} >= {"Case study or resource", "Person"}
    text = json.dumps(changes, default=str)
    assert "A case they wrote" in text
    assert "Someone Else Entirely" not in text
