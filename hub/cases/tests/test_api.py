import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.cases.models import Status
from hub.cases.search import SEARCH_KIND
from hub.cases.tests.factories import ResourceFactory
from hub.search.services import search_rebuild

pytestmark = pytest.mark.django_db


def test_the_list_has_the_page_filters_and_only_published_records(client):
    ResourceFactory(title="Missed bins online", stage="live")
    ResourceFactory(title="Council tax", stage="stopped")
    ResourceFactory(title="Missed bins secret draft", status=Status.DRAFT)
    search_rebuild(kinds=[SEARCH_KIND])
    body = client.get("/api/v1/cases", {"q": "missed bins"}).json()
    assert [item["title"] for item in body["items"]] == ["Missed bins online"]
    body = client.get("/api/v1/cases", {"stage": ["stopped", "live"]}).json()
    assert body["count"] == 2


def test_a_page_of_results_is_read_without_the_themes_it_does_not_show(client):
    ResourceFactory(title="Missed bins online")
    search_rebuild(kinds=[SEARCH_KIND])
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/cases", {"q": "missed bins"}).json()
    assert body["count"] == 1
    assert "themes" not in body["items"][0]
    assert not [query for query in queries if "cases_resource_themes" in query["sql"]]


def test_the_detail_answers_404_for_unpublished(client):
    draft = ResourceFactory(status=Status.SUBMITTED)
    assert client.get(f"/api/v1/cases/{draft.slug}").status_code == 404
    published = ResourceFactory()
    assert client.get(f"/api/v1/cases/{published.slug}").json()["slug"] == published.slug


def test_bad_filter_values_answer_422(client):
    response = client.get("/api/v1/cases", {"kind": "castle"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_the_openapi_document_includes_cases(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/cases" in paths
    parameters = {p["name"] for p in paths["/api/v1/cases"]["get"]["parameters"]}
    assert {"q", "theme", "service_area", "stage", "sort", "page"} <= parameters
