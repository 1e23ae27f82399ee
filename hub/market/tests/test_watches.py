"""Councils' market watches: set up, listed with what they match now, removed; others' 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.market.models import Watch, WatchKind
from hub.market.tests.factories import ContractFactory, WatchFactory
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def ending_in(days, **fields):
    return ContractFactory(contract_end=timezone.localdate() + timedelta(days=days), **fields)


@pytest.fixture
def person(client):
    made = PersonFactory()
    client.force_login(made.user)
    return made


def test_anonymous_is_sent_to_sign_in_and_without_organisation_forbidden(client, user_with_role):
    response = client.get(reverse("market:watches"))
    assert response.status_code == 302
    assert "sign-in" in response["Location"]
    client.force_login(user_with_role())
    assert client.get(reverse("market:watch-new")).status_code == 403


def test_watch_own_councils_expiring_contracts_with_default_window(client, person):
    response = client.post(reverse("market:watch-new"), {"kind": WatchKind.EXPIRING})
    assert response.status_code == 302
    watch = Watch.objects.get(user=person.user)
    assert watch.organisation == person.organisation
    assert (watch.kind, watch.months_ahead, watch.cpv_prefix) == (WatchKind.EXPIRING, 18, "")


def test_watch_a_category_needs_a_code_or_words(client, person):
    response = client.post(reverse("market:watch-new"), {"kind": WatchKind.CATEGORY})
    assert response.status_code == 200
    assert "Enter a CPV code or words for the category" in response.content.decode()
    response = client.post(
        reverse("market:watch-new"), {"kind": WatchKind.CATEGORY, "cpv_prefix": "4x"}
    )
    assert "Enter a CPV code or its start as 2 to 8 digits" in response.content.decode()
    assert not Watch.objects.exists()
    client.post(
        reverse("market:watch-new"),
        {"kind": WatchKind.CATEGORY, "cpv_prefix": "72", "keywords": "housing"},
    )
    watch = Watch.objects.get()
    assert (watch.cpv_prefix, watch.keywords) == ("72", "housing")


def test_list_shows_what_each_watch_matches_now(client, person, django_assert_max_num_queries):
    council = person.organisation
    expiring = WatchFactory(user=person.user, organisation=council, months_ahead=12)
    soon = ending_in(30, buyer=council, title="Waste routing system")
    ending_in(200, buyer=council, title="Parking permits system")
    ending_in(500, buyer=council, title="Far off contract")  # beyond 12 months
    ending_in(-5, buyer=council, title="Already ended contract")
    ending_in(30, title="Another council's contract")
    category = WatchFactory(
        user=person.user, organisation=council, kind=WatchKind.CATEGORY, cpv_prefix="72"
    )
    ContractFactory(cpv_codes=["72212000"], title="Housing management software build")
    ContractFactory(cpv_codes=["30200000"], title="Laptops")
    WatchFactory()  # someone else's

    with django_assert_max_num_queries(14):
        response = client.get(reverse("market:watches"))
    page = response.content.decode()
    rows = {row["watch"]: row for row in response.context["rows"]}
    assert rows[expiring]["count"] == 2
    assert rows[expiring]["next"][0] == soon
    assert rows[category]["count"] == 1
    assert "Waste routing system" in page
    assert "Housing management software build" in page
    assert "Far off contract" not in page
    assert "Already ended contract" not in page
    assert "Another council" not in page
    assert "Laptops" not in page
    assert len(response.context["rows"]) == 2


def test_category_words_all_match_title_or_description(client, person):
    WatchFactory(user=person.user, kind=WatchKind.CATEGORY, keywords="Housing repairs")
    ContractFactory(title="Housing system", description="Repairs and lettings")
    ContractFactory(title="Housing system", description="Lettings only")
    response = client.get(reverse("market:watches"))
    assert response.context["rows"][0]["count"] == 1


def test_remove_asks_then_removes(client, person):
    watch = WatchFactory(user=person.user, organisation=person.organisation)
    url = reverse("market:watch-remove", args=[watch.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Stop watching?" in response.content.decode()
    assert Watch.objects.filter(pk=watch.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Watch.objects.filter(pk=watch.pk).exists()


def test_someone_elses_watch_is_not_found(client, person):
    other = WatchFactory()
    url = reverse("market:watch-remove", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Watch.objects.filter(pk=other.pk).exists()


def test_the_form_names_the_council_and_keeps_a_chosen_window(client, person):
    response = client.get(reverse("market:watch-new"))
    assert response.status_code == 200
    assert person.organisation.name in response.content.decode()
    client.post(reverse("market:watch-new"), {"kind": WatchKind.EXPIRING, "months_ahead": "6"})
    assert Watch.objects.get().months_ahead == 6
    response = client.post(
        reverse("market:watch-new"), {"kind": WatchKind.EXPIRING, "months_ahead": "99"}
    )
    assert "Enter a number of months from 1 to 60" in response.content.decode()
