import pytest
from django.test import RequestFactory

from hub.core.pagination import paginate


def test_paginate_keeps_other_query_parameters():
    request = RequestFactory().get("/list/", {"region": "London", "page": "2"})
    result = paginate(request, list(range(60)), per_page=25)
    assert list(result.object_list) == list(range(25, 50))
    assert result.previous_href == "?region=London&page=1"
    assert result.next_href == "?region=London&page=3"
    assert [item.get("number") for item in result.items] == [1, 2, 3]
    assert [item["current"] for item in result.items] == [False, True, False]


@pytest.mark.parametrize("page", ["999", "not-a-number"])
def test_paginate_shows_a_real_page_for_a_bad_page_number(page):
    request = RequestFactory().get("/list/", {"page": page})
    result = paginate(request, list(range(30)), per_page=25)
    assert result.page.number in {1, 2}


def test_a_single_page_has_no_pagination_links():
    result = paginate(RequestFactory().get("/list/"), list(range(3)), per_page=25)
    assert result.items == []
    assert result.next_href is None


def test_long_ranges_are_elided():
    request = RequestFactory().get("/list/", {"page": "10"})
    result = paginate(request, list(range(500)), per_page=25)
    assert {"ellipsis": True} in result.items
