"""`/api/v1/academies`: published modules and briefings, listed cohorts with their schedule;
never drafts, never participants, whoever asks."""

import json

import pytest

from hub.academies.models import AcademyKind, CohortStatus, EnrolmentStatus
from hub.academies.tests.factories import (
    BriefingFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    SessionFactory,
)
from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/academies"


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["items"]]


def test_modules_published_only_and_filtered_by_academy(client):
    member = ModuleFactory(academy=AcademyKind.MEMBER)
    digital = ModuleFactory()
    hidden = ModuleFactory(is_published=False)
    assert sorted(slugs(client.get(f"{API}/modules"))) == sorted([member.slug, digital.slug])
    assert slugs(client.get(f"{API}/modules?academy=member")) == [member.slug]
    assert client.get(f"{API}/modules/{hidden.slug}").status_code == 404
    assert client.get(f"{API}/modules?academy=nonsense").status_code == 422


def test_module_detail_carries_published_cases_and_briefings(client):
    module = ModuleFactory(content="Some **content**")
    published = ResourceFactory()
    module.cases.add(published, ResourceFactory(status=Status.DRAFT))
    briefing = BriefingFactory()
    briefing.modules.add(module)
    BriefingFactory(is_published=False).modules.add(module)
    body = client.get(f"{API}/modules/{module.slug}").json()
    assert body["content"] == "Some **content**"
    assert [case["slug"] for case in body["cases"]] == [published.slug]
    assert body["briefings"] == [briefing.slug]
    assert len(body["outcomes"]) == 2
    assert body["url"].endswith(module.get_absolute_url())


def test_briefings_published_only(client):
    shown = BriefingFactory()
    hidden = BriefingFactory(is_published=False)
    assert slugs(client.get(f"{API}/briefings")) == [shown.slug]
    assert client.get(f"{API}/briefings/{hidden.slug}").status_code == 404
    body = client.get(f"{API}/briefings/{shown.slug}").json()
    assert body["pdf_url"].endswith(f"/academies/briefings/{shown.slug}/pdf")


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.FACILITATOR, Role.PROGRAMME_ADMIN])
def test_drafts_and_cancelled_cohorts_never_appear(client, user_with_role, role):
    listed = {
        CohortFactory(status=status).slug
        for status in (CohortStatus.RECRUITING, CohortStatus.RUNNING, CohortStatus.FINISHED)
    }
    draft = CohortFactory(status=CohortStatus.DRAFT)
    cancelled = CohortFactory(status=CohortStatus.CANCELLED)
    if role:
        client.force_login(user_with_role(role))
        draft.facilitators.add(user_with_role(role))
    assert set(slugs(client.get(f"{API}/cohorts"))) == listed
    assert client.get(f"{API}/cohorts/{draft.slug}").status_code == 404
    assert client.get(f"{API}/cohorts/{cancelled.slug}").status_code == 404
    assert slugs(client.get(f"{API}/cohorts?status=draft")) == []


def test_a_cohort_has_its_schedule_and_places_but_never_participants(client):
    cohort = CohortFactory(capacity=3, title="Riverside Digital Academy")
    module = ModuleFactory()
    SessionFactory(cohort=cohort, number=1, module=module, venue="Town hall")
    SessionFactory(cohort=cohort, number=2)
    enrolled = EnrolmentFactory(cohort=cohort, sponsor_name="Alex Sponsor")
    EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.AWAITING_SPONSOR)
    response = client.get(f"{API}/cohorts/{cohort.slug}")
    body = response.json()
    assert body["title"] == "Riverside Digital Academy"
    assert body["academy"] == "digital"
    assert body["place"] == cohort.place.name
    assert body["capacity"] == 3
    assert body["places_left"] == 2
    assert [s["number"] for s in body["sessions"]] == [1, 2]
    assert body["sessions"][0]["module"] == module.slug
    assert body["sessions"][0]["venue"] == "Town hall"
    text = json.dumps(body) + client.get(f"{API}/cohorts").content.decode()
    assert enrolled.person.full_name not in text
    assert "Alex Sponsor" not in text
    assert enrolled.organisation.name not in text
    assert "participants" not in text
    assert "enrolments" not in text


def test_cohort_filters(client):
    member = CohortFactory(member=True)
    CohortFactory()
    assert slugs(client.get(f"{API}/cohorts?academy=member")) == [member.slug]
