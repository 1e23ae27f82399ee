"""The programme dashboard at /programme/: staff only, headline take-up from the rows, links to
every programme page, and a fixed number of queries."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.programme.tests.takeup_sector import (
    ELEMENT_KEYS,
    build_sector,
    expected_council_elements,
    expected_place_elements,
)

pytestmark = pytest.mark.django_db

URL = "/programme/"


def test_the_dashboard_is_at_programme():
    assert reverse("programme:dashboard") == URL


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_others_signed_in_are_refused(client_as, role):
    assert client_as(role).get(URL).status_code == 403


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_may_open(client_as, role):
    assert client_as(role).get(URL).status_code == 200


def test_headline_figures_come_from_the_rows(client_as):
    build_sector(2)
    response = client_as(Role.EDITOR).get(URL)
    content = response.content.decode()
    councils = expected_council_elements()
    places = expected_place_elements()
    engaged = sum(bool(used) for used in councils.values())
    share = round(100 * engaged / len(councils))
    assert f"{engaged} of {len(councils)} ({share}%)" in content
    places_engaged = sum(bool(used) for used in places.values())
    assert f"{places_engaged} of {len(places)}" in content
    assert response.context["overall"].not_engaged == len(councils) - engaged
    rows = {element.key: (c, p) for element, c, p in response.context["element_rows"]}
    assert rows == {
        key: (
            sum(key in used for used in councils.values()),
            sum(key in used for used in places.values()),
        )
        for key in ELEMENT_KEYS
    }


def test_links_to_every_programme_page(client_as):
    content = client_as(Role.PROGRAMME_ADMIN).get(URL).content.decode()
    for name in [
        "take-up",
        "take-up-places",
        "not-engaged",
        "benefits",
        "exemplars",
        "outputs",
        "reports",
    ]:
        assert f'href="{reverse(f"programme:{name}")}"' in content, name


def test_an_empty_register_shows_zero(client_as):
    content = client_as(Role.FACILITATOR).get(URL).content.decode()
    assert "0 of 0 (0%)" in content


# Session, user, staff's authenticator (django-otp) and roles; councils, eight elements,
# places, their partners, place cohorts and place assessments: the elements are read once
# for councils and places together.
QUERIES = 17


@pytest.mark.parametrize("size", [1, 3])
def test_a_fixed_number_of_queries(client_as, django_assert_num_queries, size):
    build_sector(size)
    client = client_as(Role.FACILITATOR)
    with django_assert_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("role", "linked"),
    [(Role.MEMBER, False), (Role.CHAMPION, False), (Role.FACILITATOR, True), (Role.EDITOR, True)],
)
def test_the_account_page_links_programme_staff_to_the_dashboard(
    client, user_with_role, role, linked
):
    client.force_login(user_with_role(role))
    body = client.get("/account/").content.decode()
    assert ('href="/programme/"' in body) is linked
