"""The supplier market's import and review pages for programme staff, checked with axe-core
at WCAG 2.2 AA: the runs, a new import (and its error), a run's report, the review queue and
a review."""

import pytest
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.market.models import Contract, ImportRun, ImportStatus, MatchReview, ReviewKind, Source
from hub.organisations.models import Organisation


def _check(page: Page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_import_and_review_pages_pass_axe(hub_page: Page):
    run = ImportRun.objects.create(
        source=Source.CONTRACTS_FINDER,
        location="contracts_finder_releases_2025.json",
        status=ImportStatus.DONE,
        counts={"releases": 2, "contracts_created": 1, "skipped": 1},
        skipped=[{"row": "0", "field": "ocid", "reason": "is missing"}],
    )
    running = ImportRun.objects.create(source=Source.OTHER_OCDS, location="big.json")
    contract = Contract.objects.first()
    review = MatchReview.objects.create(
        kind=ReviewKind.BUYER,
        raw_name="Plymuoth City Council",
        score=0.9,
        contract=contract,
        organisation=Organisation.objects.first(),
    )

    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    _check(hub_page, "/market/imports/", "Supplier market imports")
    _check(hub_page, f"/market/imports/{run.pk}/", "Import of")
    _check(hub_page, f"/market/imports/{running.pk}/", "Import of")
    _check(hub_page, "/market/imports/new", "Import a file")
    hub_page.get_by_role("button", name="Start the import").click()
    expect(hub_page.locator(".govuk-error-summary")).to_contain_text("Upload a file")
    assert_no_axe_violations(hub_page)
    _check(hub_page, "/market/reviews/", "Matches waiting for review")
    _check(hub_page, f"/market/reviews/{review.pk}", "Plymuoth")
