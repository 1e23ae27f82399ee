"""The supplier market journey in Chromium, as issue 10 describes it, on a real sample: programme
staff import Contracts Finder's 2025 OCDS releases and read the report of counts and skips; a
council's page lists its contracts from the sample; the price benchmark for a category shows
the median and range with the contracts behind them; a supplier dossier shows the rules its
flags use. Every page passes axe."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.market.models import Contract, ImportRun
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory

SAMPLE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "ocds-uk-samples"
    / "contracts_finder_releases_2025.json"
)


@pytest.mark.browser
@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/data is not beside the project")
def test_staff_import_real_releases_and_read_a_council_a_category_and_a_supplier(
    hub_page: Page, immediate_tasks
):
    # Merton buys in the sample; the demo register extract does not hold it.
    merton = OrganisationFactory(
        name="London Borough of Merton",
        short_name="Merton",
        slug="merton",
        kind=OrganisationKind.LONDON_BOROUGH,
        region=Region.LONDON,
        gss_code="E09000024",
        register_code="MRT",
    )
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    hub_page.goto("/market/imports/new")
    hub_page.get_by_label("Upload a file").set_input_files(str(SAMPLE))
    hub_page.get_by_role("button", name="Start the import").click()

    # The report: what was read, written and skipped, and why.
    run = ImportRun.objects.get()
    assert run.status == "done", run.error
    hub_page.goto(f"/market/imports/{run.pk}/")
    main = hub_page.locator("main")
    expect(main).to_contain_text("Counts")
    assert run.counts["releases"] == 200
    assert_no_axe_violations(hub_page)

    # The council's page lists its contracts from the sample.
    contracts = Contract.objects.filter(buyer=merton)
    assert contracts.exists()
    hub_page.goto(f"/market/councils/{merton.slug}/")
    expect(main).to_contain_text(contracts.first().title[:40])
    assert_no_axe_violations(hub_page)

    # A category's price benchmark: median and range, with the contracts behind them.
    hub_page.goto("/market/categories/?cpv=72")
    expect(main).to_contain_text("Median")
    expect(main.get_by_role("table").last).to_be_visible()
    assert_no_axe_violations(hub_page)

    # A supplier's dossier states the rule behind each flag.
    supplier = contracts.first().awards.first().suppliers.first()
    hub_page.goto(supplier.get_absolute_url())
    expect(main).to_contain_text(supplier.name)
    expect(main).to_contain_text("Single bidder")
    expect(main).to_contain_text("30 days")
    assert_no_axe_violations(hub_page)
