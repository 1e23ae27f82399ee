"""The price benchmark of a category: the median and quartiles agree with `statistics`."""

from decimal import Decimal
from statistics import median, quantiles

import pytest
from django.urls import reverse

from hub.market import selectors
from hub.market.tests.factories import ContractFactory
from hub.organisations.models import OrganisationKind
from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

VALUES = [Decimal(v) for v in (12000, 45000, 80000, 81000, 150000, 410000, 999999)]


@pytest.mark.parametrize("prefix", ["48", "48000000", "48000000-8", " 48 "])
def test_cpv_prefix_drops_trailing_zeros(prefix):
    assert selectors.cpv_prefix(prefix) == "48"


def test_cpv_prefix_keeps_significant_digits_and_rejects_words():
    assert selectors.cpv_prefix("72200000") == "722"
    assert selectors.cpv_prefix("revenues") == ""
    assert selectors.cpv_prefix("4") == ""


def test_distribution_matches_statistics_on_the_rows():
    unitary = OrganisationFactory(kind=OrganisationKind.UNITARY)
    for value in VALUES:
        ContractFactory(buyer=unitary, value=value, cpv_codes=["48100000"])
    ContractFactory(buyer=unitary, value=None, cpv_codes=["48100000"])  # no value: left out
    ContractFactory(buyer=unitary, value=Decimal(5), currency="EUR", cpv_codes=["48100000"])
    ContractFactory(buyer=unitary, value=Decimal(7), cpv_codes=["72000000"])  # other division

    report = selectors.category_report(cpv="48000000")

    q1, _, q3 = quantiles(VALUES, n=4, method="inclusive")
    [unitaries] = report.by_kind
    assert unitaries.label == "Unitary authority"
    assert unitaries.count == len(VALUES)
    assert unitaries.median == median(VALUES)
    assert (unitaries.lower_quartile, unitaries.upper_quartile) == (q1, q3)
    assert (unitaries.minimum, unitaries.maximum) == (min(VALUES), max(VALUES))
    assert report.overall.median == median(VALUES)


def test_grouped_by_kind_and_by_population_band_when_the_register_has_it():
    small = OrganisationFactory(kind=OrganisationKind.DISTRICT, population=90_000)
    large = OrganisationFactory(kind=OrganisationKind.COUNTY, population=800_000)
    ContractFactory(buyer=small, value=Decimal(100), title="Housing system")
    ContractFactory(buyer=small, value=Decimal(300), title="Housing system")
    ContractFactory(buyer=large, value=Decimal(5000), title="Housing system")
    ContractFactory(buyer=None, buyer_name="Spend Network", value=Decimal(7), title="Housing")

    report = selectors.category_report(words="housing")

    by_kind = {d.label: d for d in report.by_kind}
    assert by_kind["District council"].median == Decimal(200)
    assert by_kind["County council"].count == 1
    assert by_kind[selectors.NOT_MATCHED].count == 1
    by_size = {d.label: d for d in report.by_size}
    assert by_size["Under 150,000 residents"].count == 2
    assert by_size["600,000 residents or more"].median == Decimal(5000)


def test_without_population_shows_kind_only():
    ContractFactory(value=Decimal(100))
    report = selectors.category_report(cpv="48")
    assert report.by_kind
    assert not report.by_size
    assert not report.has_population


def test_words_match_title_or_description_every_word():
    ContractFactory(title="Revenues system", description="Council tax")
    ContractFactory(title="Payroll", description="Payroll for staff")
    assert selectors.category_contracts(words="revenues tax").count() == 1
    assert selectors.category_contracts(words="payroll revenues").count() == 0


def test_category_page_shows_median_range_chart_and_the_contracts(client):
    for value in VALUES:
        ContractFactory(value=value, title=f"Case management {value}")
    response = client.get(reverse("market:category"), {"q": "48"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"median £{median(VALUES):,.0f}" in page
    assert "category-medians" in page  # the chart, with its table
    assert "Median value" in page
    assert "Upper quartile" in page
    assert "Case management 999999" in page
    assert "The register records no population" in page


def test_category_csv_lists_the_comparable_contracts(client):
    ContractFactory(value=Decimal(100), title="Kept")
    ContractFactory(value=None, title="No value")
    response = client.get(reverse("market:category-csv"), {"cpv": "48"})
    body = b"".join(response.streaming_content).decode()
    assert "Kept" in body
    assert "No value" not in body


def test_category_page_without_a_search_asks_for_one(client):
    response = client.get(reverse("market:category"))
    assert response.status_code == 200
    assert "Give words or a CPV code" in response.content.decode()
