"""Page titles start "Error: " when a form has errors, as GOV.UK asks, exactly once."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from hub.accounts.roles import Role

HUB = Path(__file__).resolve().parents[2]
BASE_TEMPLATE = HUB / "templates" / "base.html"
# base.html prefixes the title when the page's `form` has errors; a page adding the same
# prefix for `form` says "Error: Error:".
PREFIX_FOR_FORM = re.compile(r"{%\s*block page_title\s*%}\s*{%\s*if form\.errors\s*%}\s*Error:")


def test_the_base_template_prefixes_the_title_of_a_page_whose_form_has_errors():
    assert "{% if form.errors %}Error: {% endif %}{% block page_title %}" in (
        BASE_TEMPLATE.read_text()
    )


def test_no_page_adds_the_error_prefix_for_form_again():
    doubled = [
        str(path.relative_to(HUB))
        for path in sorted(HUB.glob("**/templates/**/*.html"))
        if PREFIX_FOR_FORM.search(path.read_text())
    ]
    assert doubled == []


@pytest.mark.django_db
def test_a_filter_with_a_wrong_date_says_error_once(client_as):
    client = client_as(Role.PROGRAMME_ADMIN)
    page = client.get(reverse("privacy:changes"), {"from_date": "31/2/2026"}).content.decode()
    assert "<title>Error: Changes across the Hub – " in page
