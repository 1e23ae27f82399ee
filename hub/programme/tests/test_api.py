"""`/api/v1/programme/...`: programme staff only (401 signed out, 403 for anyone else, in the
error envelope), and figures worked out here from the rows the test makes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.accounts.roles import Role
from hub.cases.models import BenefitPeriod, BenefitUnit, EvidenceStatus, Status
from hub.cases.tests.factories import AdoptionFactory, BenefitFactory, ResourceFactory
from hub.organisations.models import COUNCIL_KINDS, Organisation
from hub.organisations.tests.factories import OrganisationFactory
from hub.peer_challenge.tests.factories import ChallengeFactory
from hub.programme.outputs import Quarter

pytestmark = pytest.mark.django_db

ENDPOINTS = ["take-up", "benefits", "exemplars", "outputs"]
REFUSED = [Role.MEMBER, Role.CHAMPION]
ALLOWED = [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN]


def url(name: str) -> str:
    return f"/api/v1/programme/{name}"


def make_sector(size: int) -> dict:
    """`size` published cases (each with a claimed, verified and disputed yearly saving), the
    first reused by `size` councils and the last with nothing reused; a draft case that must
    not count; `size` peer challenges started this quarter; one council with nothing."""
    today = timezone.localdate()
    started = max(Quarter.of(today).first_day, today - dt.timedelta(days=1))
    OrganisationFactory()  # takes part in nothing
    engaged: set[int] = set()
    amounts = dict.fromkeys(EvidenceStatus.values, Decimal(0))
    resources = []
    for number in range(size):
        resource = ResourceFactory(title=f"Case {number}")
        resources.append(resource)
        engaged.add(resource.lead_organisation_id)
        for status, amount in (
            (EvidenceStatus.CLAIMED, 1000 + number),
            (EvidenceStatus.VERIFIED, 200 + number),
            (EvidenceStatus.DISPUTED, 30),
        ):
            BenefitFactory(
                resource=resource,
                amount=Decimal(amount),
                unit=BenefitUnit.POUNDS,
                period=BenefitPeriod.PER_YEAR,
                evidence_status=status,
            )
            amounts[status] += amount
        engaged.add(
            ChallengeFactory(on_site_starts_on=started, on_site_ends_on=started).organisation_id
        )
    draft = ResourceFactory(status=Status.DRAFT, published_at=None)
    BenefitFactory(resource=draft, amount=Decimal(999_999), evidence_status=EvidenceStatus.VERIFIED)
    costs = []
    for number in range(size):
        adoption = AdoptionFactory(resource=resources[0], cost_pounds=1000 * (number + 1))
        costs.append(adoption.cost_pounds)
        engaged.add(adoption.organisation_id)
    councils = Organisation.objects.filter(kind__in=COUNCIL_KINDS, is_current=True)
    return {
        "councils": councils.count(),
        "engaged": councils.filter(pk__in=engaged).count(),
        "amounts": amounts,
        "top": resources[0],
        "costs": costs,
        "unreused": resources[-1] if size > 1 else None,
        "challenges": size,
    }


# Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENDPOINTS)
def test_signed_out_the_api_answers_401_in_the_envelope(client, name):
    response = client.get(url(name))
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["status"] == 401
    assert error["code"] == "not_authenticated"


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_people_who_are_not_programme_staff_get_403_in_the_envelope(client_as, role, name):
    response = client_as(role).get(url(name))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_programme_staff_read_every_figure(client_as, role, name):
    response = client_as(role).get(url(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_openapi_document_says_the_programme_needs_a_session(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/programme/take-up"]["get"]
    assert operation["security"]
    assert {"200", "401", "403"} <= set(operation["responses"])


# Figures -------------------------------------------------------------------------------------


def test_take_up_counts_councils_engaged_from_the_rows(client_as):
    expected = make_sector(3)
    body = client_as(Role.FACILITATOR).get(url("take-up")).json()

    overall = body["councils_overall"]
    assert overall["total"] == expected["councils"]
    assert overall["engaged"] == expected["engaged"]
    assert overall["not_engaged"] == expected["councils"] - expected["engaged"]
    assert overall["by_element"]["peer_challenge"] == 3
    assert overall["by_element"]["cases_contributed"] == 3
    assert overall["by_element"]["cases_reused"] == 3
    assert len(body["councils"]) == expected["councils"]
    lead = expected["top"].lead_organisation
    row = next(council for council in body["councils"] if council["slug"] == lead.slug)
    assert row["elements"] == ["cases_contributed"]
    assert sum(1 for council in body["councils"] if not council["elements"]) == (
        expected["councils"] - expected["engaged"]
    )


def test_benefits_keep_claimed_verified_and_disputed_apart(client_as):
    expected = make_sector(3)
    body = client_as(Role.EDITOR).get(url("benefits")).json()

    by_kind = next(b for b in body["breakdowns"] if b["key"] == "kind")
    [row] = by_kind["rows"]
    assert row["unit"] == "pounds"
    assert row["period"] == "per_year"
    for status in EvidenceStatus.values:
        assert row[status] == {"amount": float(expected["amounts"][status]), "benefits": 3}
    assert "total" not in row
    assert {b["key"] for b in body["breakdowns"]} == {"kind", "region", "theme", "quarter"}


def test_exemplars_rank_the_most_reused_with_their_adopters_costs(client_as):
    expected = make_sector(3)
    client = client_as(Role.PROGRAMME_ADMIN)
    body = client.get(url("exemplars")).json()

    [top] = body["most_reused"]
    assert top["slug"] == expected["top"].slug
    assert top["adoptions"] == 3
    costs = sorted(expected["costs"])
    assert top["cost_pounds"] == {
        "given": 3,
        "median": costs[1],
        "lowest": costs[0],
        "highest": costs[-1],
    }
    # Every other published case has a verified benefit and no adoption: one to promote.
    assert expected["unreused"].slug in {case["slug"] for case in body["candidates"]}
    assert expected["top"].slug not in {case["slug"] for case in body["candidates"]}
    assert len(client.get(url("exemplars") + "?limit=1").json()["candidates"]) == 1


def test_exemplar_filters_out_of_range_answer_422_in_the_envelope(client_as):
    response = client_as(Role.FACILITATOR).get(url("exemplars") + "?limit=0")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_outputs_count_each_quarter(client_as):
    expected = make_sector(2)
    body = client_as(Role.FACILITATOR).get(url("outputs")).json()

    quarter = Quarter.of(timezone.localdate())
    assert len(body["quarters"]) == 8
    assert body["quarters"][-1] == quarter.label
    assert body["quarters"][0] == quarter.shifted(-7).label
    row = next(row for row in body["rows"] if row["key"] == "challenges_started")
    assert row["total"] == expected["challenges"]
    assert row["by_quarter"] == [0] * 7 + [expected["challenges"]]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_each_answer_takes_the_same_number_of_queries_whatever_the_data(
    client_as, django_assert_num_queries, name
):
    client = client_as(Role.FACILITATOR)
    make_sector(2)  # both lists have a case: an empty list needs no query for its figures
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(name)).status_code == 200
    make_sector(4)
    with django_assert_num_queries(len(small)):
        assert client.get(url(name)).status_code == 200
