"""Journeys through the public pages and sign-in, each checked with axe-core at WCAG 2.2 AA."""

import re

import pytest
from playwright.sync_api import expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import (
    AccountPage,
    CouncilListPage,
    CouncilPage,
    HomePage,
    HubPage,
    SignInPage,
)
from hub.demo.services import DEMO_PASSWORD

ADMIN_EMAIL = "admin@example.org"


@pytest.mark.browser
def test_home_page_is_an_unbranded_gov_uk_style_service(hub_page):
    home = HomePage(hub_page).goto()

    expect(home.heading).to_have_text("Digital Leadership Hub")
    expect(hub_page).to_have_title(re.compile(r"^Home – Digital Leadership Hub"))
    expect(home.header).to_contain_text("Digital Leadership Hub")
    expect(home.crown_logos()).to_have_count(0)
    assert home.font_family("main h1").lower().startswith("arial")
    not_arial = {
        label: font for label, font in home.text_fonts().items() if "arial" not in font.lower()
    }
    assert not_arial == {}, f"Text not set in Arial: {not_arial}"
    assert_no_axe_violations(hub_page)


@pytest.mark.browser
def test_council_list_filters_by_region_and_pages_without_javascript(hub_data, browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        councils = CouncilListPage(page).goto()
        expect(councils.heading).to_have_text("Councils")
        expect(councils.results_status).to_contain_text("page 1 of")

        councils.next_page()
        expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
        expect(councils.results_status).to_contain_text("page 2 of")

        councils.filter_by(region="North West")
        expect(page).to_have_url(re.compile(r"[?&]region=North\+West\b"))
        assert "Manchester City Council" in councils.council_names()
        assert set(councils.regions()) == {"North West"}
        expect(councils.filters.get_by_label("Region")).to_have_value("North West")
    finally:
        context.close()


@pytest.mark.browser
def test_council_list_is_accessible(hub_page):
    councils = CouncilListPage(hub_page).goto()
    expect(councils.pagination).to_be_visible()
    assert_no_axe_violations(hub_page)

    councils.filter_by(region="North West")
    expect(hub_page.get_by_role("link", name="Manchester City Council")).to_be_visible()
    assert_no_axe_violations(hub_page)


@pytest.mark.browser
def test_council_page_shows_its_gss_code(hub_page):
    council = CouncilPage(hub_page, "manchester").goto()

    expect(council.heading).to_have_text("Manchester City Council")
    expect(council.summary_value("GSS code")).to_have_text("E08000003")
    expect(council.summary_value("Region")).to_have_text("North West")
    assert_no_axe_violations(hub_page)


@pytest.mark.browser
def test_sign_in_shows_errors_then_signs_in_and_out(hub_page):
    sign_in = SignInPage(hub_page).goto()
    assert_no_axe_violations(hub_page)

    sign_in.sign_in()
    expect(sign_in.error_summary).to_be_visible()
    expect(hub_page).to_have_title(re.compile(r"^Error: "))
    links = sign_in.error_links()
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_text("Enter your email address")
    expect(links.nth(0)).to_have_attribute("href", "#id_username")
    expect(links.nth(1)).to_have_text("Enter your password")
    expect(links.nth(1)).to_have_attribute("href", "#id_password")
    assert_no_axe_violations(hub_page)

    sign_in.sign_in(ADMIN_EMAIL, DEMO_PASSWORD)
    account = AccountPage(hub_page)
    expect(hub_page).to_have_url(re.compile(r"/account/$"))
    expect(account.heading).to_have_text("Your account")
    expect(hub_page.locator(".govuk-summary-list").first).to_contain_text(ADMIN_EMAIL)
    assert_no_axe_violations(hub_page)

    home = account.sign_out()
    expect(home.heading).to_have_text("Digital Leadership Hub")
    expect(home.service_navigation.get_by_role("link", name="Sign in")).to_be_visible()
    AccountPage(hub_page).goto()
    expect(hub_page).to_have_url(re.compile(r"/account/sign-in/\?next=/account/$"))


@pytest.mark.browser
def test_page_not_found_is_accessible(hub_page):
    response = hub_page.goto("/no-such-page/")

    assert response.status == 404
    expect(HubPage(hub_page).heading).to_have_text("Page not found")
    assert_no_axe_violations(hub_page)
