"""Learning across the sector: programme staff only; figures match ones computed here
independently; figures from fewer than 3 challenges are hidden, and no council is named."""

import csv
import io
import random
from collections import defaultdict

import pytest
from django.urls import reverse

from hub.organisations.models import OrganisationKind
from hub.organisations.tests.factories import OrganisationFactory
from hub.peer_challenge import learning
from hub.peer_challenge.models import Judgement, LineOfEnquiry
from hub.peer_challenge.tests.factories import CORE_ELEMENTS, ChallengeFactory, FindingFactory
from hub.peer_challenge.tests.test_followup import STAFF_ONLY, outcome, sign_in_as
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

CODES = [code for code, _ in CORE_ELEMENTS]
AREA = Judgement.AREA_FOR_DEVELOPMENT
STRENGTH = Judgement.STRENGTH


def challenge_of(kind: str):
    # Each challenge has its own framework version: elements match by code across versions.
    return ChallengeFactory(organisation=OrganisationFactory(kind=kind))


def finding(challenge, code: str, judgement: str, title: str = "A finding"):
    line = LineOfEnquiry.objects.filter(
        element__framework=challenge.framework, element__code=code
    ).first()
    return FindingFactory(challenge=challenge, line=line, judgement=judgement, title=title)


def by_code(rows) -> dict[str, learning.ElementRow]:
    return {row.code: row for row in rows}


@pytest.mark.parametrize(("who", "expected"), STAFF_ONLY)
def test_sector_learning_is_for_programme_staff(client, who, expected):
    challenge = ChallengeFactory()
    sign_in_as(client, who, challenge)
    for name in ("peer_challenge:learning", "peer_challenge:learning-csv"):
        assert outcome(client.get(reverse(name))) == expected


def _random_challenges(rng) -> tuple[list, dict]:
    """Findings at random over 11 challenges of three kinds (the county with 2 challenges),
    and 2 more challenges alone finding strengths in the last element."""
    kinds = [OrganisationKind.UNITARY] * 5 + [OrganisationKind.DISTRICT] * 4
    kinds += [OrganisationKind.COUNTY] * 2
    made = []  # (challenge id, kind, code, judgement)
    for kind in kinds:
        challenge = challenge_of(kind)
        for _ in range(rng.randint(0, 6)):
            code, judgement = rng.choice(CODES[:4]), rng.choice([STRENGTH, AREA])
            finding(challenge, code, judgement)
            made.append((challenge.pk, kind, code, judgement))
    for kind in kinds[:2]:
        challenge = challenge_of(kind)
        finding(challenge, CODES[4], STRENGTH)
        made.append((challenge.pk, kind, CODES[4], STRENGTH))
    bases = defaultdict(int)
    for kind in kinds + kinds[:2]:
        bases[kind] += 1
    return made, bases


def _independent(made) -> tuple[dict, dict]:
    """Findings and the challenges that made them, for all councils and each kind."""
    counts, makers = defaultdict(int), defaultdict(set)
    for challenge_id, kind, code, judgement in made:
        for group in ("all", kind):
            counts[group, code, judgement] += 1
            makers[group, code, judgement].add(challenge_id)
    return counts, makers


def _cells(row: learning.ElementRow):
    return ((STRENGTH, row.strengths), (AREA, row.areas))


def _assert_nothing_given_away(groups, makers, bases, elements) -> None:
    """What an element's total minus the shown kinds would reveal never comes from 1-2
    challenges, nor from kinds that 1-2 challenges make up."""
    for (code, judgement), cells in groups.items():
        hidden = [kind for kind, cell in cells.items() if cell.hidden]
        together = set().union(*(makers[k, code, judgement] for k in hidden))
        if len(hidden) == len(cells):  # all hidden: the total then is the hidden sum
            total = dict(_cells(elements[code]))[judgement]
            assert total.hidden or len(together) == 0 or len(together) >= 3
        else:
            assert len(together) == 0 or len(together) >= 3
        assert not hidden or sum(bases[k] for k in hidden) >= 3


def test_figures_match_an_independent_count_and_hide_small_cells():
    made, bases = _random_challenges(random.Random(20261205))
    counts, makers = _independent(made)
    result = learning.sector_learning()
    assert result.challenges == sum(bases.values())
    assert result.findings == len(made)
    for code, row in by_code(result.by_element).items():
        for judgement, cell in _cells(row):
            assert cell.hidden == (0 < len(makers["all", code, judgement]) < 3)
            if not cell.hidden:
                assert cell.findings == counts["all", code, judgement]
    assert by_code(result.by_element)[CODES[4]].strengths.text == "fewer than 3"

    tables = {table.kind: table for table in result.by_kind}
    assert {kind: table.challenges for kind, table in tables.items()} == dict(bases)
    groups = defaultdict(dict)  # (code, judgement) -> kind -> cell
    for kind, table in tables.items():
        for row in table.rows:
            for judgement, cell in _cells(row):
                groups[row.code, judgement][kind] = cell
                if bases[kind] < 3 or 0 < len(makers[kind, row.code, judgement]) < 3:
                    assert cell.hidden, (kind, row.code, judgement)
                if not cell.hidden:
                    assert cell.text == str(counts[kind, row.code, judgement])
    _assert_nothing_given_away(groups, makers, bases, by_code(result.by_element))
    # The county's two challenges are hidden everywhere, even where they found nothing.
    county = tables[OrganisationKind.COUNTY]
    assert all(cell.hidden for row in county.rows for cell in row.cells)


def test_one_more_kind_is_hidden_where_a_total_would_give_a_hidden_one_away():
    unitaries = [challenge_of(OrganisationKind.UNITARY) for _ in range(4)]
    districts = [challenge_of(OrganisationKind.DISTRICT) for _ in range(3)]
    county = challenge_of(OrganisationKind.COUNTY)
    for challenge in [*unitaries, *districts, county]:
        finding(challenge, CODES[0], AREA)
    result = learning.sector_learning()
    assert by_code(result.by_element)[CODES[0]].areas.text == "8"
    cells = {t.kind: by_code(t.rows)[CODES[0]].areas for t in result.by_kind}
    # 8 - 4 - 3 would show the county's 1: the districts (the smallest shown) are hidden too.
    assert cells[OrganisationKind.COUNTY].text == "fewer than 3"
    assert cells[OrganisationKind.DISTRICT].text == "fewer than 3"
    assert cells[OrganisationKind.UNITARY].text == "4"


def test_fewer_than_three_challenges_show_nothing():
    first, second = challenge_of("unitary"), challenge_of("unitary")
    finding(first, CODES[0], AREA, "Paper forms everywhere")
    finding(second, CODES[0], STRENGTH)
    result = learning.sector_learning()
    assert all(cell.hidden for row in result.by_element for cell in row.cells)
    assert by_code(result.titles)[CODES[0]].titles is None


def test_titles_listed_without_councils_only_where_three_challenges_found_some(client):
    challenges = [challenge_of("unitary") for _ in range(3)]
    finding(challenges[0], CODES[1], AREA, "No digital strategy")
    finding(challenges[1], CODES[1], AREA, "Leaders do not use data")
    finding(challenges[2], CODES[1], AREA, "no digital strategy")
    finding(challenges[2], CODES[1], AREA, "No digital strategy")
    finding(challenges[0], CODES[2], AREA, "A lonely title")
    finding(challenges[1], CODES[2], AREA, "Another lonely title")
    finding(challenges[0], CODES[3], STRENGTH, "A strength is not listed")
    result = learning.sector_learning()
    titles = {element.code: element.titles for element in result.titles}
    assert titles[CODES[1]] == [
        ("Leaders do not use data", 1),
        ("No digital strategy", 2),
        ("no digital strategy", 1),
    ]
    assert titles[CODES[2]] is None

    sign_in_as(client, "staff", challenges[0])
    page = client.get(reverse("peer_challenge:learning")).content.decode()
    assert "Leaders do not use data" in page
    assert "A lonely title" not in page
    assert "A strength is not listed" not in page
    for challenge in challenges:
        assert challenge.organisation.name not in page
        assert challenge.title not in page


def test_top_service_areas_of_areas_for_development():
    bins, housing, parking = (
        ServiceAreaFactory(label="Missed bins"),
        ServiceAreaFactory(label="Housing repairs"),
        ServiceAreaFactory(label="Parking permits"),
    )
    challenges = [challenge_of("district") for _ in range(4)]
    for challenge in challenges:
        finding(challenge, CODES[0], AREA).service_areas.add(bins)
    for challenge in challenges[:3]:
        finding(challenge, CODES[1], AREA).service_areas.add(housing, bins)
    # Two challenges only, and strengths do not count.
    for challenge in challenges[:2]:
        finding(challenge, CODES[2], AREA).service_areas.add(parking)
    for challenge in challenges:
        finding(challenge, CODES[3], STRENGTH).service_areas.add(parking)
    result = learning.sector_learning()
    assert [(a.label, a.findings, a.challenges) for a in result.service_areas] == [
        ("Missed bins", 7, 4),
        ("Housing repairs", 3, 3),
    ]
    assert result.service_areas_hidden == 1


def test_page_chart_and_csv(client, django_assert_max_num_queries):
    challenges = [challenge_of("unitary") for _ in range(3)]
    for challenge in challenges:
        finding(challenge, CODES[0], STRENGTH)
        finding(challenge, CODES[0], AREA)
        finding(challenge, CODES[0], AREA)
    finding(challenges[0], CODES[1], AREA)
    sign_in_as(client, "staff", challenges[0])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("peer_challenge:learning"))
    page = response.content.decode()
    assert 'id="learning-by-element"' in page
    assert "Fewer than 3 challenges" in page  # the chart's hidden bar

    response = client.get(reverse("peer_challenge:learning-csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Table", "Group", "Figure", "Value"]
    title = CORE_ELEMENTS[0][1]
    second = CORE_ELEMENTS[1][1]
    assert ["Findings by core element", title, "Strengths", "3"] in rows
    assert ["Findings by core element", title, "Areas for development", "6"] in rows
    assert ["Findings by core element", second, "Areas for development", "fewer than 3"] in rows
    assert [
        "Findings by core element and kind of council",
        f"Unitary authority: {title}",
        "Areas for development",
        "6",
    ] in rows
    text = "\n".join(",".join(row) for row in rows)
    for challenge in challenges:
        assert challenge.organisation.name not in text
