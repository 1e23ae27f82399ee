"""Benefits of published cases: summed by kind, region, theme and quarter, each unit and period
apart, and claimed, verified and disputed never added together. Expected figures come from
plain Python over the factory-made rows."""

import csv
import io
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.cases.models import BenefitKind, BenefitPeriod, BenefitUnit, EvidenceStatus, Status
from hub.cases.tests.factories import BenefitFactory, ResourceFactory
from hub.organisations.models import Region
from hub.organisations.tests.factories import OrganisationFactory
from hub.programme import benefits
from hub.taxonomy.models import Theme, ThemeKind

pytestmark = pytest.mark.django_db

STATUSES = ["claimed", "verified", "disputed"]
# (kind, unit, period, amount): several units and periods, including monthly and percentages.
BENEFITS = [
    (BenefitKind.CASHABLE_SAVING, BenefitUnit.POUNDS, BenefitPeriod.PER_YEAR, "12000"),
    (BenefitKind.CASHABLE_SAVING, BenefitUnit.POUNDS, BenefitPeriod.ONE_OFF, "5000"),
    (BenefitKind.COST_AVOIDANCE, BenefitUnit.POUNDS, BenefitPeriod.PER_MONTH, "1000"),
    (BenefitKind.STAFF_TIME, BenefitUnit.HOURS, BenefitPeriod.PER_YEAR, "300"),
    (BenefitKind.USER_SATISFACTION, BenefitUnit.PERCENT, BenefitPeriod.ONE_OFF, "15"),
]
REGIONS = [Region.LONDON, Region.NORTH_EAST, Region.WALES, ""]


def build_benefits(scale: int = 1) -> list:
    """Published cases across regions, themes and quarters, each with benefits of every
    status; plus rows that must not count. Returns the rows that count."""
    themes = [
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": ThemeKind.DIGITAL_THEME, "order": order}
        )[0]
        for order, (slug, name) in enumerate([("data", "Data"), ("cyber", "Cyber security")])
    ]
    now = timezone.now()
    counted = []
    for index in range(4 * scale):
        organisation = OrganisationFactory(region=REGIONS[index % len(REGIONS)])
        resource = ResourceFactory(
            lead_organisation=organisation,
            published_at=now - timedelta(days=100 * (index % 5)),
        )
        # Cases with no theme, one theme and both.
        resource.themes.set(themes[: index % 3])
        for position, (kind, unit, period, amount) in enumerate(BENEFITS):
            status = STATUSES[(index + position) % 3]
            counted.append(
                BenefitFactory(
                    resource=resource,
                    kind=kind,
                    unit=unit,
                    period=period,
                    amount=Decimal(amount) + index,
                    evidence_status=status,
                )
            )
            # A second, verified, so each group has more than one status.
            counted.append(
                BenefitFactory(
                    resource=resource,
                    kind=kind,
                    unit=unit,
                    period=period,
                    amount=Decimal(amount),
                    evidence_status=EvidenceStatus.VERIFIED,
                )
            )
        # Not counted: no amount, or a case not published.
        BenefitFactory(resource=resource, amount=None, evidence_status=EvidenceStatus.VERIFIED)
        BenefitFactory(resource=ResourceFactory(status=Status.DRAFT), amount=Decimal("999999"))
    return counted


def _measure(benefit) -> tuple[str, str, Decimal]:
    if benefit.period == BenefitPeriod.PER_MONTH:
        return benefit.unit, BenefitPeriod.PER_YEAR, benefit.amount * 12
    return benefit.unit, benefit.period, benefit.amount


def _quarter_label(benefit) -> str:
    local = timezone.localtime(benefit.resource.published_at)
    return f"{local.year} Q{(local.month - 1) // 3 + 1}"


def expected(rows, groups_of) -> dict:
    """{(group label, unit, period): {status: (amount, count)}}, by plain Python."""
    totals: dict = defaultdict(lambda: {s: [Decimal(0), 0] for s in STATUSES})
    for benefit in rows:
        unit, period, amount = _measure(benefit)
        for group in groups_of(benefit):
            cell = totals[(group, unit, period)][benefit.evidence_status]
            cell[0] += amount
            cell[1] += 1
    return {key: {s: tuple(v) for s, v in value.items()} for key, value in totals.items()}


GROUPS = {
    "kind": lambda b: [BenefitKind(b.kind).label],
    "region": lambda b: [b.resource.lead_organisation.region or benefits.NO_REGION],
    "theme": lambda b: [t.name for t in b.resource.themes.all()] or [benefits.NO_THEME],
    "quarter": lambda b: [_quarter_label(b)],
}


def _found(rows) -> dict:
    return {
        (row.label, row.measure.unit, row.measure.period): {
            figure.status: (figure.amount, figure.count) for figure in row.figures
        }
        for row in rows
    }


@pytest.mark.parametrize("key", list(GROUPS))
def test_each_breakdown_sums_each_status_apart_in_each_unit(key):
    rows = build_benefits()
    summary = benefits.benefit_summary()
    assert _found(summary[key].rows) == expected(rows, GROUPS[key])


def test_claimed_and_verified_are_separate_columns_never_a_sum():
    resource = ResourceFactory(lead_organisation=OrganisationFactory(region=Region.LONDON))
    BenefitFactory(resource=resource, amount=Decimal("1000"), evidence_status="claimed")
    BenefitFactory(resource=resource, amount=Decimal("250"), evidence_status="verified")
    BenefitFactory(resource=resource, amount=Decimal("40"), evidence_status="disputed")
    (row,) = benefits.benefit_summary()["region"].rows
    assert row.claimed.amount == Decimal("1000")
    assert row.verified.amount == Decimal("250")
    assert row.disputed.amount == Decimal("40")
    # No figure of any kind adds statuses together.
    assert not hasattr(row, "total")


def test_no_total_across_statuses_on_the_page_or_in_the_csv(client_as):
    resource = ResourceFactory(lead_organisation=OrganisationFactory(region=Region.LONDON))
    BenefitFactory(resource=resource, amount=Decimal("1000"), evidence_status="claimed")
    BenefitFactory(resource=resource, amount=Decimal("250"), evidence_status="verified")
    client = client_as(Role.FACILITATOR)
    page = client.get(reverse("programme:benefits")).content.decode()
    assert "£1,000" in page
    assert "£250" in page
    for summed in ("£1,250", "1250", "£1,290", "1290"):
        assert summed not in page
    tables = page.split("<table", 1)[1]
    assert "total" not in tables.lower()
    response = client.get(reverse("programme:benefits-csv"))
    text = b"".join(response.streaming_content).decode()
    assert "total" not in text.lower()
    assert "1250" not in text


def test_different_units_are_never_added_together():
    resource = ResourceFactory()
    BenefitFactory(resource=resource, amount=Decimal("100"), unit="pounds", period="per_year")
    BenefitFactory(resource=resource, amount=Decimal("100"), unit="pounds", period="one_off")
    BenefitFactory(resource=resource, amount=Decimal("100"), unit="hours", period="per_year")
    rows = benefits.benefit_summary()["kind"].rows
    assert sorted((r.measure.unit, r.measure.period, r.claimed.amount) for r in rows) == [
        ("hours", "per_year", Decimal("100")),
        ("pounds", "one_off", Decimal("100")),
        ("pounds", "per_year", Decimal("100")),
    ]


def test_percentages_are_counted_but_not_added_up():
    resource = ResourceFactory()
    for _ in range(2):
        BenefitFactory(
            resource=resource,
            kind=BenefitKind.USER_SATISFACTION,
            unit=BenefitUnit.PERCENT,
            amount=Decimal("20"),
        )
    (row,) = benefits.benefit_summary()["kind"].rows
    assert row.claimed.count == 2
    assert [text for _, text in row.cells][0] == "Not added up"


def test_the_csv_has_every_breakdowns_figures(client_as):
    rows = build_benefits()
    response = client_as(Role.EDITOR).get(reverse("programme:benefits-csv"))
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    for key, groups_of in GROUPS.items():
        want = expected(rows, groups_of)
        got = {}
        for line in lines:
            if line["Breakdown"] != key:
                continue
            figures = {}
            for status in STATUSES:
                label = status.capitalize()
                amount = line[f"{label} amount"]
                figures[status] = (
                    Decimal(amount) if amount else None,
                    int(line[f"{label} benefits"]),
                )
            got[(line["Group"], line["Unit"], line["Period"])] = figures
        for group, figures in want.items():
            for status, (amount, count) in figures.items():
                shown_amount, shown_count = got[group][status]
                assert shown_count == count, (key, group, status)
                if group[1] != BenefitUnit.PERCENT:
                    assert shown_amount == amount, (key, group, status)
        assert set(got) == set(want)


def test_the_page_shows_the_region_chart_of_verified_and_claimed(client_as):
    build_benefits()
    response = client_as(Role.PROGRAMME_ADMIN).get(reverse("programme:benefits"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Money a year by region, verified and claimed" in page
    for key in GROUPS:
        assert f'id="table-{key}"' in page


def test_the_page_and_csv_run_in_a_fixed_number_of_queries(client_as, django_assert_num_queries):
    client = client_as(Role.FACILITATOR)
    # Session, user, staff's authenticator (django-otp) and roles, then one query for each
    # of the four breakdowns and one for the range of quarters the quarterly one compares with.
    expected_queries = 4 + 4 + 1
    build_benefits(scale=1)
    with django_assert_num_queries(expected_queries):
        assert client.get(reverse("programme:benefits")).status_code == 200
    build_benefits(scale=3)
    with django_assert_num_queries(expected_queries):
        assert client.get(reverse("programme:benefits")).status_code == 200
    with django_assert_num_queries(expected_queries):
        b"".join(client.get(reverse("programme:benefits-csv")).streaming_content)


def test_quarters_are_uk_quarters_even_in_the_hour_before_midnight_utc():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hub.cases.tests.factories import BenefitFactory, ResourceFactory
    from hub.programme import benefits

    london = ZoneInfo("Europe/London")
    # 00:30 on 1 April in London is 23:30 on 31 March in UTC: the second quarter in the UK.
    april = ResourceFactory(published_at=datetime(2026, 4, 1, 0, 30, tzinfo=london))
    march = ResourceFactory(published_at=datetime(2026, 3, 31, 23, 30, tzinfo=london))
    for record, amount in ((april, 100), (march, 7)):
        BenefitFactory(
            resource=record,
            amount=Decimal(amount),
            unit=BenefitUnit.POUNDS,
            period=BenefitPeriod.PER_YEAR,
            evidence_status=EvidenceStatus.CLAIMED,
        )
    rows = {row.label: row.claimed.amount for row in benefits.by_quarter()}
    assert rows == {"2026 Q1": Decimal(7), "2026 Q2": Decimal(100)}
