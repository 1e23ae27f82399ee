"""Reports: the list of quarters and the quarterly programme report as a PDF, for programme
staff only; the PDF's figures are worked out here from the rows the test makes."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hub.accounts.roles import Role
from hub.cases.models import BenefitPeriod, BenefitUnit, EvidenceStatus
from hub.cases.tests.factories import AdoptionFactory, BenefitFactory, ResourceFactory
from hub.organisations.models import COUNCIL_KINDS, Organisation
from hub.organisations.tests.factories import OrganisationFactory
from hub.peer_challenge.tests.factories import ChallengeFactory
from hub.programme.outputs import Quarter

pytestmark = pytest.mark.django_db

REFUSED = [Role.MEMBER, Role.CHAMPION]
ALLOWED = [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN]


def last_quarter() -> Quarter:
    return Quarter.of(timezone.localdate()).preceding()


def pdf_url(quarter: Quarter) -> str:
    return reverse("programme:quarterly-pdf", args=[quarter.year, quarter.number])


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def money(amount) -> str:
    return f"£{amount:,.0f}"


def make_sector(size: int, quarter: Quarter) -> dict:
    """`size` cases published in the quarter, each with a claimed, verified and disputed yearly
    saving, the first reused by `size + 1` councils; `size` peer challenges started in the
    quarter; two councils that take part in nothing. Returns the figures the report should
    show, worked out from the rows."""
    middle = timezone.make_aware(
        dt.datetime.combine(quarter.first_day + dt.timedelta(days=40), dt.time(12))
    )
    OrganisationFactory.create_batch(2)  # take part in nothing
    engaged: set[int] = set()
    amounts = {status: Decimal(0) for status in EvidenceStatus.values}
    resources = []
    for number in range(size):
        resource = ResourceFactory(title=f"Reused case {number}", published_at=middle)
        resources.append(resource)
        engaged.add(resource.lead_organisation_id)
        for status, amount in (
            (EvidenceStatus.CLAIMED, 1000 * (number + 1)),
            (EvidenceStatus.VERIFIED, 300 * (number + 1)),
            (EvidenceStatus.DISPUTED, 70),
        ):
            BenefitFactory(
                resource=resource,
                amount=Decimal(amount),
                unit=BenefitUnit.POUNDS,
                period=BenefitPeriod.PER_YEAR,
                evidence_status=status,
            )
            amounts[status] += amount
        challenge = ChallengeFactory(
            on_site_starts_on=quarter.first_day + dt.timedelta(days=10),
            on_site_ends_on=quarter.first_day + dt.timedelta(days=13),
        )
        engaged.add(challenge.organisation_id)
    for _ in range(size + 1):
        adoption = AdoptionFactory(resource=resources[0], cost_pounds=5000, months_to_live=4)
        engaged.add(adoption.organisation_id)
    councils = Organisation.objects.filter(kind__in=COUNCIL_KINDS, is_current=True)
    engaged_councils = councils.filter(pk__in=engaged).count()
    return {
        "councils": councils.count(),
        "engaged": engaged_councils,
        "amounts": amounts,
        "challenges": size,
        "top": resources[0].title,
    }


# Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports", "quarterly-pdf"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    quarter = last_quarter()
    url = pdf_url(quarter) if name == "quarterly-pdf" else reverse("programme:reports")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", ["reports", "quarterly-pdf"])
def test_people_who_are_not_programme_staff_are_refused(client_as, role, name):
    url = pdf_url(last_quarter()) if name == "quarterly-pdf" else reverse("programme:reports")
    assert client_as(role).get(url).status_code == 403


@pytest.mark.parametrize("role", ALLOWED)
def test_programme_staff_see_the_last_eight_quarters_each_with_its_report(client_as, role):
    response = client_as(role).get(reverse("programme:reports"))
    assert response.status_code == 200
    html = response.content.decode()
    quarter = Quarter.of(timezone.localdate())
    for _ in range(8):
        assert pdf_url(quarter) in html
        assert quarter.label in html
        quarter = quarter.preceding()
    assert pdf_url(quarter) not in html  # the ninth quarter back is not listed
    assert "(so far)" in html


@pytest.mark.parametrize("role", ALLOWED)
def test_programme_staff_download_the_quarterly_report(client_as, role):
    quarter = last_quarter()
    response = client_as(role).get(pdf_url(quarter))
    assert response.status_code == 200
    assert (
        f'filename="programme-report-{quarter.year}-q{quarter.number}.pdf"'
        in response["Content-Disposition"]
    )


def test_a_quarter_to_come_or_no_quarter_is_not_found(client_as):
    client = client_as(Role.FACILITATOR)
    coming = Quarter.of(timezone.localdate()).following()
    assert client.get(pdf_url(coming)).status_code == 404
    assert client.get(f"/programme/reports/{coming.year}-q5.pdf").status_code == 404
    assert client.get("/programme/reports/2026-q0.pdf").status_code == 404


# What the PDF says ---------------------------------------------------------------------------


def test_the_report_shows_the_quarters_figures_worked_out_from_the_rows(client_as):
    quarter = last_quarter()
    expected = make_sector(3, quarter)
    client = client_as(Role.FACILITATOR)

    text = pdf_text(client.get(pdf_url(quarter)))
    flat = " ".join(text.split())

    assert f"Programme report, {quarter.label}" in flat
    first, last = quarter.first_day, quarter.following().first_day - dt.timedelta(days=1)
    assert f"({first:%B} to {last:%B} {quarter.year})" in flat
    assert f"{expected['engaged']} of {expected['councils']}" in flat
    assert f"Councils not engaged yet {expected['councils'] - expected['engaged']}" in flat
    # Claimed, verified and disputed each have their own figure; never their sum.
    amounts = expected["amounts"]
    for status in EvidenceStatus.values:
        assert f"{money(amounts[status])} (3 benefits)" in flat
    together = amounts[EvidenceStatus.CLAIMED] + amounts[EvidenceStatus.VERIFIED]
    assert money(together) not in flat
    # Peer challenges started: in the quarter, the quarter before, to date.
    assert re.search(rf"Peer challenges started {expected['challenges']} 0 \d+", flat), flat
    assert expected["top"] in flat
    assert "Most reused cases" in flat


def test_an_empty_programme_still_makes_a_report(client_as):
    text = pdf_text(client_as(Role.EDITOR).get(pdf_url(last_quarter())))
    assert "No published case has been reused yet." in " ".join(text.split())


def test_the_report_takes_the_same_number_of_queries_whatever_the_data(
    client_as, django_assert_num_queries
):
    quarter = last_quarter()
    client = client_as(Role.FACILITATOR)
    make_sector(1, quarter)
    with CaptureQueriesContext(connection) as small:
        assert client.get(pdf_url(quarter)).status_code == 200
    make_sector(4, quarter)
    with django_assert_num_queries(len(small)):
        assert client.get(pdf_url(quarter)).status_code == 200
