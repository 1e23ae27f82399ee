"""Finding good practice: search through the one search service, facets with counts,
sorting, pagination, the feed, the CSV export and comparison."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import RequestFactory

from hub.cases.filters import CaseQuery, parse_case_query
from hub.cases.models import BenefitPeriod, EvidenceStatus, Resource, Stage, Status
from hub.cases.search import SEARCH_KIND
from hub.cases.selectors import case_search
from hub.cases.tests.factories import AdoptionFactory, BenefitFactory, ResourceFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory
from hub.search.services import search_rebuild
from hub.taxonomy.models import ServiceArea, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    bins = ServiceArea.objects.create(lgsl_code=524, label="Household waste collection")
    tax = ServiceArea.objects.create(lgsl_code=58, label="Council tax account enquiries")
    county = OrganisationFactory(kind=OrganisationKind.COUNTY, region=Region.SOUTH_EAST)
    metro = OrganisationFactory(
        kind=OrganisationKind.METROPOLITAN_DISTRICT, region=Region.NORTH_WEST
    )
    made = {
        "bins": ResourceFactory(
            title="Missed bin collections reported online",
            summary="Residents report missed bins and see when crews return.",
            lead_organisation=metro,
            stage=Stage.LIVE,
            evidence_level=2,
            start_date=dt.date(2022, 4, 1),
            published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        ),
        "tax": ResourceFactory(
            title="Council tax direct debit",
            summary="Paying council tax by direct debit online.",
            lead_organisation=county,
            stage=Stage.STOPPED,
            evidence_level=3,
            start_date=dt.date(2021, 1, 1),
            published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        ),
        "draft": ResourceFactory(title="Missed bins draft idea", status=Status.DRAFT),
    }
    made["bins"].service_areas.add(bins)
    made["tax"].service_areas.add(tax)
    made["bins"].themes.add(Theme.objects.get(slug="channel-shift"))
    made["tax"].themes.add(
        Theme.objects.get(slug="channel-shift"), Theme.objects.get(slug="automation")
    )
    BenefitFactory(
        resource=made["tax"],
        amount=Decimal("1000"),
        period=BenefitPeriod.PER_MONTH,
        evidence_status=EvidenceStatus.VERIFIED,
    )
    BenefitFactory(
        resource=made["bins"], amount=Decimal("90000"), evidence_status=EvidenceStatus.CLAIMED
    )
    AdoptionFactory(resource=made["bins"])
    AdoptionFactory(resource=made["bins"])
    search_rebuild(kinds=[SEARCH_KIND])
    return made


def slugs(found) -> list[str]:
    from hub.cases.selectors import resource_cards

    return [record.slug for record in resource_cards(found.ordered_ids())]


def query(**values) -> CaseQuery:
    return CaseQuery(**values)


def test_search_finds_published_records_through_the_search_service(records):
    found = case_search(query(q="missed bins"))
    assert slugs(found) == [records["bins"].slug]
    assert found.search_result is not None


def test_relevance_order_keeps_only_published_records_the_filters_allow(records):
    both = case_search(query(q="online"), with_facets=False)
    assert set(both.ordered_ids()) == {records["bins"].pk, records["tax"].pk}
    live = case_search(query(q="online", stage=("live",)), with_facets=False)
    assert live.ordered_ids() == [records["bins"].pk]
    # Unpublished since it was indexed (no signal, so the index still holds it).
    Resource.objects.filter(pk=records["bins"].pk).update(status=Status.DRAFT)
    assert case_search(query(q="online"), with_facets=False).ordered_ids() == [records["tax"].pk]
    assert case_search(query(q="online")).total == 1


def test_without_words_the_newest_come_first(records):
    assert slugs(case_search(query())) == [records["tax"].slug, records["bins"].slug]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"service_area": (524,)}, ["bins"]),
        ({"theme": ("automation",)}, ["tax"]),
        ({"organisation_kind": ("county",)}, ["tax"]),
        ({"region": ("North West",)}, ["bins"]),
        ({"stage": ("stopped",)}, ["tax"]),
        ({"evidence": (2,)}, ["bins"]),
        ({"year": (2022,)}, ["bins"]),
        ({"verified_savings": True}, ["tax"]),
        ({"stage": ("live", "stopped")}, ["tax", "bins"]),
        ({"theme": ("channel-shift",), "stage": ("live",)}, ["bins"]),
    ],
)
def test_each_filter(records, values, expected):
    assert slugs(case_search(query(**values))) == [records[name].slug for name in expected]


def test_facet_counts_leave_their_own_filter_out(records):
    facets = {facet.name: facet for facet in case_search(query(stage=("live",))).facets}
    stage_counts = {option.value: option.count for option in facets["stage"].options}
    assert stage_counts == {"live": 1, "stopped": 1}
    assert [option.selected for option in facets["stage"].options if option.value == "live"] == [
        True
    ]
    theme_counts = {option.value: option.count for option in facets["theme"].options}
    assert theme_counts == {"channel-shift": 1}
    verified = facets["verified_savings"].options[0]
    assert verified.count == 0


def test_sorting(records):
    adopted = case_search(query(sort="most-adopted"))
    assert slugs(adopted)[0] == records["bins"].slug
    saving = case_search(query(sort="largest-saving"))
    # A verified £1,000 a month (£12,000 a year) beats a claimed £90,000: claims never count.
    assert slugs(saving)[0] == records["tax"].slug
    assert case_search(query(sort="largest-saving")).ordered[0].verified_saving == Decimal("12000")


def test_query_strings_round_trip_and_drop_bad_values():
    data = (
        RequestFactory()
        .get(
            "/cases/",
            {
                "q": " bins ",
                "stage": ["live", "castle"],
                "evidence": ["2", "9", "x"],
                "verified_savings": "yes",
            },
        )
        .GET
    )
    parsed = parse_case_query(data)
    assert parsed == CaseQuery(q="bins", stage=("live",), evidence=(2,), verified_savings=True)
    assert parse_case_query(RequestFactory().get("/?" + parsed.to_query_string()).GET) == parsed


def test_the_list_page_shows_results_facets_and_links(client, records):
    response = client.get("/cases/", {"q": "council tax"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Council tax direct debit" in html
    assert "Missed bins draft idea" not in html
    assert "<mark>" in html
    assert 'href="/cases/feed/?q=council+tax"' in html
    assert 'href="/cases/export.csv?q=council+tax"' in html


def test_selected_filters_can_be_removed_one_by_one(client, records):
    html = client.get("/cases/", {"stage": ["live", "stopped"]}).content.decode()
    assert 'href="?stage=stopped"' in html
    assert 'href="?stage=live"' in html


def test_hostile_search_text_is_harmless(client, records):
    for text in ['"', "<script>alert(1)</script>", "NEAR(", "AND OR"]:
        response = client.get("/cases/", {"q": text})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_list_pages_by_20(client):
    ResourceFactory.create_batch(23)
    first = client.get("/cases/")
    assert len(first.context["cards"]) == 20
    assert len(client.get("/cases/", {"page": 2}).context["cards"]) == 3


def test_the_list_runs_a_bounded_number_of_queries(client, records, django_assert_max_num_queries):
    ResourceFactory.create_batch(15)
    # Constant per page, whatever its length: the search (with its vocabulary checks), the
    # facets, the cards, the snippets and the match hints each take a fixed number.
    with django_assert_max_num_queries(22):
        client.get("/cases/", {"q": "council"})


def test_the_feed_is_atom_with_the_same_filters(client, records):
    response = client.get("/cases/feed/", {"stage": "live"})
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = [
        node.text
        for node in ET.fromstring(response.content).iter("{http://www.w3.org/2005/Atom}title")  # noqa: S314 - our own feed
    ]
    assert "Missed bin collections reported online" in titles
    assert "Council tax direct debit" not in titles


def test_the_csv_export_has_the_same_filters(client, records):
    response = client.get("/cases/export.csv", {"theme": "automation"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["Council tax direct debit"]
    assert rows[0]["verified_saving_pounds_a_year"] == "12000.00"


def test_compare_shows_up_to_three_side_by_side(client, records):
    extra = [ResourceFactory() for _ in range(2)]
    slugs_chosen = [records["bins"].slug, records["tax"].slug, *[r.slug for r in extra]]
    response = client.get("/cases/compare/", {"case": slugs_chosen})
    assert len(response.context["resources"]) == 3
    assert response.context["too_many"]
    unpublished = client.get("/cases/compare/", {"case": [records["draft"].slug]})
    assert unpublished.context["resources"] == []


@pytest.fixture
def lexical(settings):
    settings.HUB_SEARCH_MODE = "lexical"


def test_a_leaders_words_find_a_record_in_other_words(records, lexical):
    assert slugs(case_search(query(q="rubbish collection"))) == [records["bins"].slug]
    assert slugs(case_search(query(q="rubbish -missed"))) == []


def test_the_list_page_offers_a_corrected_spelling_with_the_same_filters(client, records, lexical):
    html = client.get("/cases/", {"q": "mised bins", "stage": "live"}).content.decode()
    assert (
        '<p class="govuk-body" id="did-you-mean">Did you mean '
        '<a class="govuk-link" href="?q=missed+bins&amp;stage=live">missed bins</a>?</p>'
    ) in html
    assert "Did you mean" not in client.get("/cases/", {"q": "missed bins"}).content.decode()


def test_each_result_says_which_of_its_service_areas_and_themes_matched(client, records, lexical):
    html = client.get("/cases/", {"q": "rubbish collection"}).content.decode()
    assert "Matched: Household waste collection (service area)</p>" in html
    html = client.get("/cases/", {"q": "digital take up of council tax"}).content.decode()
    assert "Matched: Council tax account enquiries (service area), Channel shift (theme)" in html
    assert "Matched:" not in client.get("/cases/", {"stage": "live"}).content.decode()


def test_match_hints_take_one_query_for_the_page(records, lexical, django_assert_num_queries):
    from hub.cases.selectors import page_match_hints

    result = case_search(query(q="channel shift")).search_result
    pks = [records["bins"].pk, records["tax"].pk]
    with django_assert_num_queries(1):
        hints = page_match_hints(result, pks)
    assert hints == {pk: ["Channel shift (theme)"] for pk in pks}
