import pytest

from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_describes_the_programme(client):
    OrganisationFactory.create_batch(3)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Digital Leadership Hub</h1>' in html
    assert "Chief executive round tables" in html
    assert "3 current English councils" in html


def test_the_header_uses_the_hub_name_and_no_govuk_crown(client):
    html = client.get("/").content.decode()
    assert "govuk-generic-header" in html
    assert "govuk-header__logo" not in html
    assert "crest" not in html
    assert "crown" not in html.lower()


def test_navigation_links_only_to_areas_that_exist(client):
    navigation = client.get("/").context["service_navigation"]
    assert {"text": "Councils", "href": "/organisations/", "active": False} in navigation
    councils = client.get("/organisations/").context["service_navigation"]
    assert [item["text"] for item in councils if item["active"]] == ["Councils"]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility-statement/", "Accessibility statement for the Digital Leadership Hub"),
        ("/privacy-notice/", "Privacy notice"),
        ("/cookies/", "Cookies"),
    ],
)
def test_footer_pages(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert f'href="{path}"' in response.content.decode()


def test_home_links_every_element_that_is_built(client):
    from hub.pages.programme import PROGRAMME_ELEMENTS

    body = client.get("/").content.decode()
    built = {
        "Digital good practice database": "/cases/",
        "Chief executive round tables": "/events/",
        "Member Leadership Academy": "/academies/",
        "Digital Academy": "/academies/",
        "Digital champions' network": "/champions/",
    }
    for title, path in built.items():
        assert any(element["title"] == title for element in PROGRAMME_ELEMENTS)
        assert f'href="{path}"' in body, title
