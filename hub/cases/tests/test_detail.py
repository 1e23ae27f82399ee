import json
import re
from decimal import Decimal

import pytest

from hub.accounts.roles import Role
from hub.cases.models import EvidenceStatus
from hub.cases.search import SEARCH_KIND
from hub.cases.tests.factories import AdoptionFactory, BenefitFactory, ResourceFactory
from hub.search.services import search_rebuild

pytestmark = pytest.mark.django_db


def test_the_page_shows_key_facts_benefits_by_evidence_and_adopters(client):
    record = ResourceFactory(
        title="Chatbot for repairs", investment_pounds=60000, problem="Calls **peaked** at night"
    )
    BenefitFactory(
        resource=record,
        description="Verified thing",
        evidence_status=EvidenceStatus.VERIFIED,
        amount=Decimal("5000"),
    )
    BenefitFactory(resource=record, description="Claimed thing")
    BenefitFactory(
        resource=record,
        description="Disputed thing",
        evidence_status=EvidenceStatus.DISPUTED,
        disputed_reason="Too small a sample",
    )
    adoption = AdoptionFactory(resource=record, cost_pounds=1200)
    html = client.get(record.get_absolute_url()).content.decode()
    assert "£60,000" in html
    assert "<strong>peaked</strong>" in html
    for heading in ("Verified", "Claimed, not yet verified", "Disputed"):
        assert f">{heading}</caption>" in html
    assert "Too small a sample" in html
    assert adoption.organisation.name in html
    assert "£5,000 a year" in html


def test_stored_text_cannot_run_script(client):
    record = ResourceFactory(
        problem='<script>alert(1)</script><a href="javascript:alert(1)">x</a>',
        title="</script><script>alert(2)</script>",
    )
    html = client.get(record.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_json_ld_describes_the_record(client):
    record = ResourceFactory(title="Chatbot </script> for repairs")
    html = client.get(record.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Chatbot </script> for repairs"
    assert data["author"]["name"] == record.lead_organisation.name


def test_similar_records_are_published_ones(client):
    record = ResourceFactory(title="Missed bin reporting online")
    twin = ResourceFactory(title="Missed bin reporting by text message")
    hidden = ResourceFactory(title="Missed bin reporting draft", status="draft")
    search_rebuild(kinds=[SEARCH_KIND])
    similar = client.get(record.get_absolute_url()).context["similar"]
    assert twin in similar
    assert hidden not in similar


def test_a_member_records_reuse_for_their_own_organisation(client, user_with_role):
    from hub.organisations.tests.factories import PersonFactory

    record = ResourceFactory()
    person = PersonFactory()
    client.force_login(person.user)
    form = client.get(f"/cases/{record.slug}/reuse/").context["form"]
    assert list(form.fields["organisation"].queryset) == [person.organisation]
    response = client.post(
        f"/cases/{record.slug}/reuse/",
        {"organisation": person.organisation.pk, "cost_pounds": "3000", "months_to_live": "4"},
    )
    assert response.status_code == 302
    assert record.adoptions.get().cost_pounds == 3000
    other = AdoptionFactory().organisation
    refused = client.post(f"/cases/{record.slug}/reuse/", {"organisation": other.pk})
    assert refused.status_code == 200
    assert record.adoptions.count() == 1


def test_recording_reuse_needs_a_signed_in_person_with_an_organisation(client, user_with_role):
    record = ResourceFactory()
    assert client.get(f"/cases/{record.slug}/reuse/").status_code == 302
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(f"/cases/{record.slug}/reuse/").status_code == 403


def test_ask_the_team_hides_contacts_addresses(
    client, user_with_role, django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    contact = user_with_role(Role.MEMBER, email="behind@example.org")
    record = ResourceFactory(contacts=[contact])
    asker = user_with_role(Role.MEMBER, email="asker@example.org")
    client.force_login(asker)
    page = client.get(f"/cases/{record.slug}/").content.decode()
    assert "behind@example.org" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cases/{record.slug}/ask/", {"text": "How did you train crews?"})
    assert response.status_code == 302
    assert mailoutbox[0].to == ["behind@example.org"]
    assert mailoutbox[0].reply_to == ["asker@example.org"]
    assert "How did you train crews?" in mailoutbox[0].body


def test_anonymous_visitors_cannot_ask(client):
    record = ResourceFactory()
    assert client.post(f"/cases/{record.slug}/ask/", {"text": "hi"}).status_code == 302


def test_saving_a_search_keeps_its_query(client, user_with_role):
    user = user_with_role()
    client.force_login(user)
    response = client.post(
        "/cases/saved-searches/new/?q=bins&stage=live", {"name": "Bins", "frequency": "daily"}
    )
    assert response.status_code == 302
    saved = user.saved_searches.get()
    assert saved.query_string == "q=bins&stage=live"
    assert "Bins" in client.get("/cases/saved-searches/").content.decode()
    client.post(f"/cases/saved-searches/{saved.pk}/delete/")
    assert not user.saved_searches.exists()


def test_nobody_deletes_another_persons_saved_search(client, user_with_role):
    from hub.cases.tests.factories import SavedSearchFactory

    saved = SavedSearchFactory()
    client.force_login(user_with_role())
    assert client.post(f"/cases/saved-searches/{saved.pk}/delete/").status_code == 404


def test_a_record_never_takes_the_address_of_a_page_under_cases():
    from hub.cases.services import unique_slug

    assert unique_slug("Moderation") == "moderation-2"
    assert unique_slug("Feed") == "feed-2"
