"""Red flags: each rule's check agrees with the threshold its page text states."""

from datetime import date
from decimal import Decimal
from statistics import quantiles

import pytest

from hub.market import flags
from hub.market.flags import (
    HIGH_VALUE,
    MIN_COMPARABLE,
    SHORT_TENDER,
    SHORT_TENDER_DAYS,
    SINGLE_BIDDER,
    assess,
    value_range,
)
from hub.market.models import Contract


def _contract(**fields):
    defaults = {
        "number_of_tenderers": 3,
        "tender_start": date(2025, 1, 1),
        "tender_end": date(2025, 3, 1),
        "cpv_codes": ["48000000"],
        "value": Decimal("100"),
        "currency": "GBP",
    }
    return Contract(**{**defaults, **fields})


def _codes(assessment):
    return {flag.rule.code for flag in assessment.flags}


def test_rules_are_data_with_their_thresholds_in_words():
    assert flags.RULES == (SINGLE_BIDDER, SHORT_TENDER, HIGH_VALUE)
    assert "30 days" in SHORT_TENDER.threshold
    assert "open procedure" in SHORT_TENDER.why
    assert "1.5" in HIGH_VALUE.threshold
    assert str(MIN_COMPARABLE) in HIGH_VALUE.rule
    assert "= 1" in SINGLE_BIDDER.threshold


@pytest.mark.parametrize(("tenderers", "flagged"), [(1, True), (2, False), (0, False)])
def test_single_bidder_is_exactly_one_tenderer(tenderers, flagged):
    assert ("single_bidder" in _codes(assess(_contract(number_of_tenderers=tenderers), {}))) is (
        flagged
    )


def test_unknown_tenderers_is_not_assessed():
    result = assess(_contract(number_of_tenderers=None), {})
    assert "single_bidder" not in _codes(result)
    assert SINGLE_BIDDER in [rule for rule, _ in result.not_assessed]


@pytest.mark.parametrize(
    ("days", "flagged"), [(SHORT_TENDER_DAYS - 1, True), (SHORT_TENDER_DAYS, False), (0, True)]
)
def test_short_tender_is_under_thirty_days(days, flagged):
    start = date(2025, 1, 1)
    contract = _contract(tender_start=start, tender_end=date.fromordinal(start.toordinal() + days))
    assert ("short_tender" in _codes(assess(contract, {}))) is flagged


def test_value_range_needs_enough_comparable_contracts():
    assert value_range([1, 2, 3, 4]) is None
    values = [Decimal(v) for v in (1, 2, 3, 4, 100)]
    found = value_range(values)
    q1, _, q3 = quantiles(values, n=4, method="inclusive")
    assert (found.lower_quartile, found.upper_quartile) == (q1, q3)
    assert found.fence == q3 + Decimal("1.5") * (q3 - q1)


def test_high_value_is_above_the_fence_of_its_division():
    ranges = {"48": value_range([Decimal(v) for v in (100, 110, 120, 130, 140)])}
    fence = ranges["48"].fence  # 130 + 1.5 * 20 = 160
    assert fence == Decimal("160")
    assert "high_value" in _codes(assess(_contract(value=Decimal("160.01")), ranges))
    assert "high_value" not in _codes(assess(_contract(value=Decimal("160")), ranges))


def test_high_value_not_assessed_without_enough_comparables_and_says_so():
    result = assess(_contract(value=Decimal("1000000")), {"48": None})
    assert "high_value" not in _codes(result)
    [(rule, reason)] = [item for item in result.not_assessed if item[0] == HIGH_VALUE]
    assert f"Fewer than {MIN_COMPARABLE}" in reason


def test_value_in_another_currency_is_not_assessed():
    ranges = {"48": value_range([1, 1, 1, 1, 1])}
    result = assess(_contract(value=Decimal("999"), currency="EUR"), ranges)
    assert "high_value" not in _codes(result)
