"""Scaling exemplars: the most reused cases, each adopter's cost and time to go live, and the
well-evidenced cases nobody has reused. Expected figures come from plain Python over the rows."""

import csv
import io
import statistics
from collections import Counter
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.cases.models import Adoption, EvidenceStatus, Status
from hub.cases.tests.factories import AdoptionFactory, BenefitFactory, ResourceFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory
from hub.programme import exemplars
from hub.taxonomy.models import EvidenceLevel

pytestmark = pytest.mark.django_db

ADOPTER_KINDS = [OrganisationKind.DISTRICT, OrganisationKind.UNITARY, OrganisationKind.POLICE]
ADOPTER_REGIONS = [Region.LONDON, Region.SOUTH_WEST, Region.SCOTLAND]


def build_exemplars(scale: int = 1) -> dict:
    """Reused cases (a different number of adoptions each, some without cost or months),
    candidates and non-candidates. Returns the cases by role."""
    now = timezone.now()
    reused = []
    for index in range(3 * scale):
        resource = ResourceFactory(
            lead_organisation=OrganisationFactory(region=ADOPTER_REGIONS[index % 3])
        )
        for number in range(index % 4 + 1):
            adoption = AdoptionFactory(
                resource=resource,
                organisation=OrganisationFactory(
                    kind=ADOPTER_KINDS[number % 3], region=ADOPTER_REGIONS[(index + number) % 3]
                ),
                cost_pounds=None if number == 2 else 1_000_000 * (number + 1) + index,
                months_to_live=None if number == 3 else 3 + number * 2,
            )
            Adoption.objects.filter(pk=adoption.pk).update(
                created_at=now - timedelta(days=95 * number)
            )
        reused.append(resource)
    verified = ResourceFactory(published_at=now - timedelta(days=3))
    BenefitFactory(resource=verified, evidence_status=EvidenceStatus.VERIFIED)
    causation = ResourceFactory(evidence_level=EvidenceLevel.CAUSATION)
    weak = ResourceFactory(evidence_level=EvidenceLevel.CORRELATION)
    BenefitFactory(resource=weak, evidence_status=EvidenceStatus.CLAIMED)
    reused_strong = ResourceFactory(evidence_level=EvidenceLevel.SCALED)
    AdoptionFactory(resource=reused_strong)
    draft = ResourceFactory(status=Status.DRAFT, evidence_level=EvidenceLevel.SCALED)
    AdoptionFactory(resource=draft)
    return {
        "reused": [*reused, reused_strong],
        "candidates": [verified, causation],
        "not_candidates": [weak, reused_strong, draft],
        "draft": draft,
    }


def _adoptions_of(resource) -> list[Adoption]:
    return list(Adoption.objects.filter(resource=resource).select_related("organisation"))


def test_most_reused_lists_reused_published_cases_by_adoptions():
    cases = build_exemplars()
    found = list(exemplars.most_reused(exemplars.ExemplarQuery()))
    counts = {r.pk: len(_adoptions_of(r)) for r in cases["reused"]}
    assert {r.pk for r in found} == set(counts)
    assert [r.adoption_count for r in found] == sorted(counts.values(), reverse=True)
    assert {r.pk: r.adoption_count for r in found} == counts
    assert cases["draft"].pk not in {r.pk for r in found}


def test_each_case_has_the_median_and_range_of_cost_and_months():
    cases = build_exemplars()
    rows = exemplars.with_figures(exemplars.most_reused(exemplars.ExemplarQuery()))
    for row in rows:
        adoptions = _adoptions_of(row.resource)
        costs = [a.cost_pounds for a in adoptions if a.cost_pounds is not None]
        months = [a.months_to_live for a in adoptions if a.months_to_live is not None]
        assert row.figures.cost.count == len(costs)
        assert row.figures.cost.median == (statistics.median(costs) if costs else None)
        assert row.figures.cost.lowest == (min(costs) if costs else None)
        assert row.figures.cost.highest == (max(costs) if costs else None)
        assert row.figures.months.median == (statistics.median(months) if months else None)
        assert row.figures.months.lowest == (min(months) if months else None)
        assert row.figures.months.highest == (max(months) if months else None)
    assert len(rows) == len(cases["reused"])


def test_candidates_have_strong_evidence_and_no_adoption():
    cases = build_exemplars()
    found = list(exemplars.candidates(exemplars.ExemplarQuery()))
    assert [r.pk for r in found] == [r.pk for r in cases["candidates"]]


def test_filters_narrow_both_lists_by_the_lead_organisations_region():
    cases = build_exemplars()
    query = exemplars.ExemplarQuery(region=Region.LONDON)
    expected = {
        r.pk
        for r in cases["reused"]
        if r.lead_organisation and r.lead_organisation.region == Region.LONDON
    }
    assert {r.pk for r in exemplars.most_reused(query)} == expected
    assert expected
    assert not list(exemplars.candidates(query))


def test_unknown_filter_values_are_ignored():
    options = exemplars.filter_options()
    query = exemplars.parse_query(QueryDict("region=Atlantis&kind=x&theme=nope"), options)
    assert not query


def test_one_case_shows_adoptions_by_quarter_region_and_kind(client_as):
    cases = build_exemplars()
    resource = max(cases["reused"], key=lambda r: len(_adoptions_of(r)))
    adoptions = _adoptions_of(resource)
    item = exemplars.exemplar(slug=resource.slug)
    assert len(item.adoptions) == len(adoptions)
    quarters = Counter()
    for adoption in adoptions:
        local = timezone.localtime(adoption.created_at)
        quarters[f"{local.year} Q{(local.month - 1) // 3 + 1}"] += 1
    assert {label: n for label, n in item.by_quarter if n} == dict(quarters)
    assert sum(n for _, n in item.by_quarter) == len(adoptions)
    assert dict(item.by_region) == Counter(a.organisation.region for a in adoptions)
    assert dict(item.by_kind) == Counter(a.organisation.get_kind_display() for a in adoptions)
    assert item.councils == sum(1 for a in adoptions if a.organisation.is_council)
    page = client_as(Role.EDITOR).get(reverse("programme:exemplar", args=[resource.slug]))
    text = page.content.decode()
    for adoption in adoptions:
        assert adoption.organisation.name in text


def test_an_unpublished_case_has_no_exemplar_page(client_as):
    cases = build_exemplars()
    url = reverse("programme:exemplar", args=[cases["draft"].slug])
    assert client_as(Role.EDITOR).get(url).status_code == 404


def test_the_csv_has_each_reused_case_and_its_figures(client_as):
    cases = build_exemplars()
    response = client_as(Role.FACILITATOR).get(reverse("programme:exemplars-csv"))
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(lines) == len(cases["reused"])
    by_title = {line["Case"]: line for line in lines}
    for resource in cases["reused"]:
        adoptions = _adoptions_of(resource)
        costs = [a.cost_pounds for a in adoptions if a.cost_pounds is not None]
        line = by_title[resource.title]
        assert int(line["Adoptions"]) == len(adoptions)
        if costs:
            assert float(line["Median cost to reuse (£)"]) == statistics.median(costs)
            assert int(line["Lowest cost (£)"]) == min(costs)


def test_the_candidates_page_and_csv_list_every_candidate(client_as):
    cases = build_exemplars()
    client = client_as(Role.PROGRAMME_ADMIN)
    page = client.get(reverse("programme:candidates")).content.decode()
    for resource in cases["candidates"]:
        assert resource.title in page
    for resource in cases["not_candidates"]:
        assert resource.title not in page
    response = client.get(reverse("programme:candidates-csv"))
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [line["Case"] for line in lines] == [r.title for r in cases["candidates"]]


# Session, user, staff's authenticator (django-otp) and roles, then the theme options,
# then each page's own queries.
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("exemplars", 4 + 1 + 4),  # count, page, the page's adoptions, candidates
        ("exemplars-csv", 4 + 1 + 2),  # the cases, their adoptions
        ("candidates", 4 + 1 + 2),  # count, page
        ("candidates-csv", 4 + 1 + 1),
        ("exemplar", 4 + 2),  # the case, its adoptions (no theme options)
    ],
)
def test_each_page_runs_in_a_fixed_number_of_queries(
    client_as, django_assert_num_queries, name, queries
):
    client = client_as(Role.FACILITATOR)
    first = build_exemplars(scale=1)["reused"][0]
    url = reverse(f"programme:{name}", args=[first.slug] if name == "exemplar" else [])
    for scale in (1, 4):
        if scale > 1:
            build_exemplars(scale=scale)
            for number in range(5):
                AdoptionFactory(resource=first, cost_pounds=number, months_to_live=number)
        with django_assert_num_queries(queries):
            response = client.get(url + "?kind=case_study")
            assert response.status_code == 200
            if name.endswith("csv"):
                b"".join(response.streaming_content)
