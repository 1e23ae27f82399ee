import pytest
from django.test import RequestFactory

from hub.core.views.errors import permission_denied, server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_page_gets_the_govuk_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-heading-l" in response.content


def test_an_unknown_api_address_gets_the_json_error_envelope(client):
    response = client.get("/api/v1/no-such-resource")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "There is nothing at this address.",
            "details": [],
        }
    }


def test_the_403_page_explains_the_refusal():
    response = permission_denied(RequestFactory().get("/somewhere/"))
    assert response.status_code == 403


def test_the_500_page_renders_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/broken/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_the_500_answer_for_the_api_is_json():
    response = server_error(RequestFactory().get("/api/v1/organisations"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
