"""Take-up of the programme: which councils and places have used which of its elements.

Each element's engaged organisations come from one selector query of the app that owns it, so
a page runs in a fixed number of queries however much activity there is. Councils are the
current councils of the register (under 500 rows): they are read once and grouped in Python.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from hub.academies.selectors import organisation_ids_enrolled, place_ids_with_digital_academy
from hub.assessment.selectors import organisation_ids_assessing, place_ids_assessing
from hub.cases.selectors import organisation_ids_contributing, organisation_ids_reusing
from hub.champions.selectors import organisation_ids_in_network
from hub.events.models import EventKind
from hub.events.selectors import organisation_ids_attending
from hub.organisations.models import COUNCIL_KINDS, Nation, Organisation, Region
from hub.organisations.selectors import council_list, place_list, place_partner_ids
from hub.peer_challenge.selectors import organisation_ids_challenged

NO_REGION = "No region recorded"
NO_NATION = "No nation recorded"


@dataclass(frozen=True)
class Element:
    key: str
    label: str
    meaning: str


ELEMENTS = (
    Element(
        "round_tables",
        "Round tables",
        "Someone from the council came to a round table, or has a place at one to come.",
    ),
    Element(
        "open_sessions",
        "Open sessions",
        "Someone from the council came to an open session, or has a place at one to come.",
    ),
    Element(
        "academies",
        "Academies",
        "Someone from the council holds a place on an academy cohort (or completed one).",
    ),
    Element(
        "peer_challenge",
        "Peer challenge",
        "The council has a corporate peer challenge, at any stage from scoping.",
    ),
    Element(
        "champions",
        "Champions",
        "An approved champion comes from the council, or someone from it has been mentored.",
    ),
    Element(
        "self_assessment",
        "Self-assessment",
        "The council closed a self-assessment, or someone on its team submitted answers.",
    ),
    Element(
        "cases_contributed",
        "Cases contributed",
        "The council leads a published case.",
    ),
    Element("cases_reused", "Cases reused", "The council recorded reusing a case."),
)
ELEMENT_KEYS = tuple(element.key for element in ELEMENTS)
ELEMENTS_BY_KEY = {element.key: element for element in ELEMENTS}


def engaged_by_element() -> dict[str, set[int]]:
    """For each element, the ids of organisations (of any kind) that have used it."""
    return {
        "round_tables": set(organisation_ids_attending(kind=EventKind.ROUND_TABLE)),
        "open_sessions": set(organisation_ids_attending(kind=EventKind.OPEN_SESSION)),
        "academies": set(organisation_ids_enrolled()),
        "peer_challenge": set(organisation_ids_challenged()),
        "champions": set(organisation_ids_in_network()),
        "self_assessment": set(organisation_ids_assessing()),
        "cases_contributed": set(organisation_ids_contributing()),
        "cases_reused": set(organisation_ids_reusing()),
    }


@dataclass(frozen=True)
class Mark:
    element: Element
    used: bool

    @property
    def text(self) -> str:
        return "Yes" if self.used else "No"


@dataclass(frozen=True)
class CouncilTakeUp:
    council: Organisation
    used: frozenset[str]

    @property
    def engaged(self) -> bool:
        return bool(self.used)

    @property
    def marks(self) -> list[Mark]:
        return [Mark(element, element.key in self.used) for element in ELEMENTS]

    @property
    def elements_used(self) -> int:
        return len(self.used)

    @property
    def region(self) -> str:
        return self.council.region or NO_REGION

    @property
    def nation(self) -> str:
        return self.council.nation or NO_NATION


@dataclass
class Summary:
    """Councils (or places) in a group, how many have used anything, and each element."""

    label: str
    total: int = 0
    engaged: int = 0
    by_element: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ELEMENT_KEYS, 0))

    def add(self, used: Iterable[str]) -> None:
        used = set(used)
        self.total += 1
        self.engaged += bool(used)
        for key in used:
            self.by_element[key] += 1

    @property
    def not_engaged(self) -> int:
        return self.total - self.engaged

    @property
    def share(self) -> float:
        return 100 * self.engaged / self.total if self.total else 0.0

    @property
    def share_text(self) -> str:
        return f"{self.share:.0f}%"

    @property
    def element_counts(self) -> list[int]:
        return [self.by_element[key] for key in ELEMENT_KEYS]


def council_take_up(engaged: dict[str, set[int]] | None = None) -> list[CouncilTakeUp]:
    """Every current council of the register, by name, with the elements it has used."""
    engaged = engaged_by_element() if engaged is None else engaged
    return [
        CouncilTakeUp(
            council=council,
            used=frozenset(key for key in ELEMENT_KEYS if council.pk in engaged[key]),
        )
        for council in council_list()
    ]


@dataclass(frozen=True)
class TakeUpFilters:
    region: str = ""
    kind: str = ""
    nation: str = ""
    element: str = ""
    # "used" or "not_used" `element`; with no element, any element (engaged) or none.
    use: str = ""


def filter_rows(rows: list[CouncilTakeUp], filters: TakeUpFilters) -> list[CouncilTakeUp]:
    def keep(row: CouncilTakeUp) -> bool:
        council = row.council
        if filters.region and council.region != filters.region:
            return False
        if filters.kind and council.kind != filters.kind:
            return False
        if filters.nation and council.nation != filters.nation:
            return False
        if not filters.use:
            return True
        used = filters.element in row.used if filters.element else row.engaged
        return used == (filters.use == "used")

    return [row for row in rows if keep(row)]


def not_engaged(rows: list[CouncilTakeUp]) -> list[CouncilTakeUp]:
    return [row for row in rows if not row.engaged]


def _summaries(rows, key, order: Iterable[str], blank: str) -> list[Summary]:
    groups: dict[str, Summary] = {}
    for row in rows:
        label = key(row) or blank
        groups.setdefault(label, Summary(label)).add(row.used)
    ordered = [groups.pop(label) for label in order if label in groups]
    return ordered + sorted(groups.values(), key=lambda summary: summary.label)


@dataclass(frozen=True)
class TakeUpSummary:
    overall: Summary
    by_region: list[Summary]
    by_kind: list[Summary]
    by_nation: list[Summary]


def summarise(rows: list[CouncilTakeUp]) -> TakeUpSummary:
    overall = Summary("All councils")
    for row in rows:
        overall.add(row.used)
    kind_labels = {kind.value: kind.label for kind in COUNCIL_KINDS}
    return TakeUpSummary(
        overall=overall,
        by_region=_summaries(rows, lambda row: row.council.region, Region.values, NO_REGION),
        by_kind=_summaries(
            rows,
            lambda row: kind_labels.get(row.council.kind, row.council.kind),
            [kind.label for kind in COUNCIL_KINDS],
            "",
        ),
        by_nation=_summaries(rows, lambda row: row.council.nation, Nation.values, NO_NATION),
    )


# Places -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceTakeUp:
    place: object
    partners: int
    used: frozenset[str]

    @property
    def engaged(self) -> bool:
        return bool(self.used)

    @property
    def marks(self) -> list[Mark]:
        return [Mark(element, element.key in self.used) for element in ELEMENTS]


def place_take_up(engaged: dict[str, set[int]] | None = None) -> list[PlaceTakeUp]:
    """Every place, by name: it has used an element if any partner has (of any kind, not only
    councils); it has also used the academies with a Digital Academy cohort of its own, and the
    self-assessment with a place assessment."""
    engaged = engaged_by_element() if engaged is None else engaged
    partners: dict[int, set[int]] = defaultdict(set)
    for place_id, organisation_id in place_partner_ids():
        partners[place_id].add(organisation_id)
    own = {
        "academies": set(place_ids_with_digital_academy()),
        "self_assessment": set(place_ids_assessing()),
    }
    rows = []
    for place in place_list():
        members = partners[place.pk]
        used = {key for key in ELEMENT_KEYS if members & engaged[key]}
        used |= {key for key, places in own.items() if place.pk in places}
        rows.append(PlaceTakeUp(place=place, partners=place.partner_count, used=frozenset(used)))
    return rows


def summarise_places(rows: list[PlaceTakeUp]) -> Summary:
    overall = Summary("All places")
    for row in rows:
        overall.add(row.used)
    return overall
