"""Take-up of the programme by council and place: the figures, checked against plain Python
over every row (hub/programme/tests/takeup_sector.py), never against the selectors."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from hub.academies.selectors import organisation_ids_enrolled, place_ids_with_digital_academy
from hub.assessment.selectors import organisation_ids_assessing, place_ids_assessing
from hub.cases.selectors import organisation_ids_contributing, organisation_ids_reusing
from hub.champions.selectors import organisation_ids_in_network
from hub.events.models import Attendance, PlaceStatus
from hub.events.selectors import organisation_ids_attending
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge.selectors import organisation_ids_challenged
from hub.programme import takeup
from hub.programme.tests.takeup_sector import (
    ELEMENT_KEYS,
    build_sector,
    expected_council_elements,
    expected_councils,
    expected_engagement,
    expected_place_elements,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector():
    return build_sector(3)


def test_the_elements_are_those_of_the_programme_in_order():
    assert list(takeup.ELEMENT_KEYS) == ELEMENT_KEYS


def test_each_element_finds_the_organisations_that_used_it(sector):
    expected = expected_engagement()
    found = takeup.engaged_by_element()
    for key in ELEMENT_KEYS:
        assert found[key] == expected[key], key
    # The sector is built so that every element is used by some councils and not by others.
    council_ids = {council.pk for council in sector}
    for key in ELEMENT_KEYS:
        assert 0 < len(found[key] & council_ids) < len(council_ids), key


def test_every_current_council_is_listed_with_the_elements_it_used(sector):
    rows = takeup.council_take_up()
    assert [row.council.pk for row in rows] == [c.pk for c in expected_councils()]
    expected = expected_council_elements()
    assert {row.council.pk: set(row.used) for row in rows} == expected
    assert any(not used for used in expected.values())


def test_former_councils_and_other_bodies_are_not_listed(sector):
    former = OrganisationFactory(is_current=False)
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    listed = {row.council.pk for row in takeup.council_take_up()}
    assert former.pk not in listed
    assert police.pk not in listed


def test_attendance_counts_through_the_register_person_or_the_account():
    past = EventFactory(past=True)
    upcoming = EventFactory()
    by_person, by_account, absent, declined, invited = (OrganisationFactory() for _ in range(5))
    InvitationFactory(
        event=past, person=PersonFactory(organisation=by_person), attendance=Attendance.PRESENT
    )
    InvitationFactory(
        event=upcoming,
        user=PersonFactory(organisation=by_account).user,
        status=PlaceStatus.ACCEPTED,
    )
    InvitationFactory(
        event=past,
        person=PersonFactory(organisation=absent),
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.ABSENT,
    )
    InvitationFactory(
        event=upcoming, person=PersonFactory(organisation=declined), status=PlaceStatus.DECLINED
    )
    InvitationFactory(event=upcoming, person=PersonFactory(organisation=invited))
    # Someone not in the register counts for nobody.
    InvitationFactory(event=past, attendance=Attendance.PRESENT)
    found = takeup.engaged_by_element()
    assert found["round_tables"] == {by_person.pk, by_account.pk}
    assert found["open_sessions"] == set()


def _summary_expected(key_of) -> dict[str, tuple[int, int, dict[str, int]]]:
    elements = expected_council_elements()
    totals, engaged, by_element = Counter(), Counter(), {}
    for council in expected_councils():
        label = key_of(council)
        used = elements[council.pk]
        totals[label] += 1
        engaged[label] += bool(used)
        by_element.setdefault(label, Counter()).update(used)
    return {
        label: (totals[label], engaged[label], {k: by_element[label][k] for k in ELEMENT_KEYS})
        for label in totals
    }


def _as_found(summaries) -> dict[str, tuple[int, int, dict[str, int]]]:
    return {s.label: (s.total, s.engaged, dict(s.by_element)) for s in summaries}


def test_summaries_by_region_kind_and_nation(sector):
    summary = takeup.summarise(takeup.council_take_up())
    assert _as_found(summary.by_region) == _summary_expected(
        lambda c: c.region or "No region recorded"
    )
    assert _as_found(summary.by_kind) == _summary_expected(lambda c: c.get_kind_display())
    assert _as_found(summary.by_nation) == _summary_expected(
        lambda c: c.nation or "No nation recorded"
    )
    overall = _summary_expected(lambda c: "all")["all"]
    assert (summary.overall.total, summary.overall.engaged) == overall[:2]
    assert summary.overall.by_element == overall[2]
    # Regions come in the register's order, the unrecorded last.
    labels = [s.label for s in summary.by_region]
    assert labels == [r for r in Region.values if r in labels] + ["No region recorded"]


def test_share_engaged():
    summary = takeup.Summary("x")
    assert summary.share_text == "0%"
    for used in ({"academies"}, set(), set()):
        summary.add(used)
    assert summary.share_text == "33%"
    assert summary.not_engaged == 2


@pytest.mark.parametrize("key", ["academies", "cases_reused"])
def test_filter_by_element_used_or_not(sector, key):
    rows = takeup.council_take_up()
    expected = expected_council_elements()
    used = takeup.filter_rows(rows, takeup.TakeUpFilters(element=key, use="used"))
    not_used = takeup.filter_rows(rows, takeup.TakeUpFilters(element=key, use="not_used"))
    assert {r.council.pk for r in used} == {pk for pk, els in expected.items() if key in els}
    assert {r.council.pk for r in not_used} == {
        pk for pk, els in expected.items() if key not in els
    }


def test_filter_by_region_kind_nation_and_engagement(sector):
    rows = takeup.council_take_up()
    expected = expected_council_elements()
    chosen = takeup.filter_rows(
        rows,
        takeup.TakeUpFilters(region=Region.NORTH_WEST, kind=OrganisationKind.UNITARY, use="used"),
    )
    assert {r.council.pk for r in chosen} == {
        c.pk
        for c in expected_councils()
        if c.region == Region.NORTH_WEST and c.kind == OrganisationKind.UNITARY and expected[c.pk]
    }
    wales = takeup.filter_rows(rows, takeup.TakeUpFilters(nation="Wales"))
    assert wales
    assert all(r.council.nation == "Wales" for r in wales)
    assert {r.council.pk for r in takeup.not_engaged(rows)} == {
        pk for pk, els in expected.items() if not els
    }


def test_places_use_what_any_partner_used_and_their_own_cohorts_and_assessments(sector):
    rows = takeup.place_take_up()
    expected = expected_place_elements()
    assert {row.place.pk: set(row.used) for row in rows} == expected
    # The police's place is engaged through it, though the police is no council.
    assert any(row.used == {"cases_contributed"} for row in rows)
    assert any(row.used == {"academies"} for row in rows)
    assert any(row.used == {"self_assessment"} for row in rows)
    assert any(not row.used for row in rows)
    summary = takeup.summarise_places(rows)
    assert summary.total == len(expected)
    assert summary.engaged == sum(bool(used) for used in expected.values())
    assert summary.by_element == {
        key: sum(key in used for used in expected.values()) for key in ELEMENT_KEYS
    }


def test_an_upcoming_place_stops_counting_once_the_event_has_passed_unattended():
    organisation = OrganisationFactory()
    event = EventFactory()
    InvitationFactory(
        event=event, person=PersonFactory(organisation=organisation), status=PlaceStatus.ACCEPTED
    )
    assert organisation.pk in takeup.engaged_by_element()["round_tables"]
    event.starts_at = timezone.now() - timedelta(days=2)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    assert organisation.pk not in takeup.engaged_by_element()["round_tables"]


def test_each_selector_gives_each_organisation_once(sector):
    """DISTINCT must not be defeated by a model's default ordering (its columns would join the
    SELECT DISTINCT): the database, not Python, removes repeats."""
    # Repeats to remove: a second attendee, enrolment and case from the same council.
    council = sector[0]
    InvitationFactory(
        event=EventFactory(past=True),
        person=PersonFactory(organisation=council),
        attendance=Attendance.PRESENT,
    )
    for selector in [
        lambda: organisation_ids_attending(kind="round_table"),
        organisation_ids_enrolled,
        place_ids_with_digital_academy,
        organisation_ids_assessing,
        place_ids_assessing,
        organisation_ids_contributing,
        organisation_ids_reusing,
        organisation_ids_in_network,
        organisation_ids_challenged,
    ]:
        ids = list(selector())
        assert len(ids) == len(set(ids))
