"""Every supplier-market page on the demo seed's contracts, checked with axe-core at WCAG 2.2
AA; and the flags a supplier dossier shows, each with the rule used."""

import pytest
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.market.models import Contract
from hub.organisations.models import Organisation


def _check(page: Page, path: str, heading: str = "") -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_market_pages_pass_axe_and_the_dossier_states_its_rules(hub_page: Page):
    plymouth = Organisation.objects.get(register_code="PLY")
    kent = Contract.objects.get(ocid="demo-rb-kent")

    _check(hub_page, "/market/")
    _check(hub_page, "/market/contracts/")
    _check(hub_page, f"/market/contracts/{kent.pk}/", kent.title)
    _check(hub_page, f"/market/councils/{plymouth.slug}/", plymouth.name)
    # The price benchmark of a category: median and range, with the contracts behind them.
    _check(hub_page, "/market/categories/?cpv=48")
    main = hub_page.locator("main")
    expect(main).to_contain_text("Median")
    expect(main).to_contain_text("Revenues and benefits system")
    _check(hub_page, "/market/suppliers/")
    # The dossier of the supplier of Kent's contract: a single bidder, a short tender and a
    # price far above the category's range, each with its rule.
    _check(hub_page, "/market/suppliers/civic-systems-example-ltd/", "Civic Systems Example Ltd")
    expect(main).to_contain_text("Single bidder")
    expect(main).to_contain_text("30 days")
    expect(main).to_contain_text("1.5")

    SignInPage(hub_page).goto().sign_in("officer@example.org", DEMO_PASSWORD)
    _check(hub_page, "/market/watches/")
    _check(hub_page, "/market/watches/new")

    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    _check(hub_page, "/market/imports/")
    _check(hub_page, "/market/imports/new")
    _check(hub_page, "/market/reviews/")
