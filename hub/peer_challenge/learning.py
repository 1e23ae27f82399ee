"""Learning across the sector, for programme staff: what peer challenges find, by core element
and kind of council, to steer the academies and round tables. Every challenge counts, published
or not, so only aggregates are shown and no council is ever named.

Elements are matched by code across framework versions (titled from the newest version that
has them). A figure built from fewer than MIN_CHALLENGES challenges shows as "fewer than 3":

- a count of findings (of one judgement, in one element, for one kind or all) is hidden when
  1 or 2 challenges made it, or when fewer than MIN_CHALLENGES challenges could have (a kind
  with 1 or 2 challenges: even a 0 would tell about them);
- across the kinds of one element and judgement, while the hidden cells together come from 1
  or 2 challenges, or could have come from fewer than MIN_CHALLENGES (so the element's total
  minus the shown kinds would give them away), the smallest shown cell is hidden too;
- the titles of areas for development are listed per element (alphabetically, never by
  council) only when at least MIN_CHALLENGES challenges found areas for development there;
- service areas are listed only when at least MIN_CHALLENGES challenges tagged them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from hub.organisations.models import OrganisationKind
from hub.peer_challenge.models import Challenge, CoreElement, Finding, Judgement
from hub.taxonomy.models import ServiceArea

MIN_CHALLENGES = 3
FEWER_THAN = f"fewer than {MIN_CHALLENGES}"
TOP_SERVICE_AREAS = 10
JUDGEMENTS = (Judgement.STRENGTH, Judgement.AREA_FOR_DEVELOPMENT)


@dataclass
class Cell:
    """The findings of one judgement in one group, and the challenges that made them."""

    findings: int = 0
    challenges: set[int] = field(default_factory=set)
    # How many challenges could have contributed (all those in the group).
    base: int = 0
    hidden: bool = False

    @property
    def value(self) -> int | None:
        return None if self.hidden else self.findings

    @property
    def text(self) -> str:
        return FEWER_THAN if self.hidden else str(self.findings)

    @property
    def too_few(self) -> bool:
        return self.base < MIN_CHALLENGES or 0 < len(self.challenges) < MIN_CHALLENGES


def suppress_across(cells: list[Cell]) -> None:
    """Hide the cells built from too few challenges, then more while the hidden ones together
    could be worked out from a total (see the module's docstring)."""
    for cell in cells:
        cell.hidden = cell.too_few

    def exposed() -> bool:
        hidden = [c for c in cells if c.hidden]
        if not hidden:
            return False
        made_by = set().union(*(c.challenges for c in hidden))
        return 0 < len(made_by) < MIN_CHALLENGES or sum(c.base for c in hidden) < MIN_CHALLENGES

    while exposed():
        shown = [c for c in cells if not c.hidden]
        if not shown:
            break
        min(shown, key=lambda c: (len(c.challenges), c.base, c.findings)).hidden = True


@dataclass
class ElementRow:
    code: str
    title: str
    strengths: Cell
    areas: Cell

    @property
    def cells(self) -> list[Cell]:
        return [self.strengths, self.areas]


@dataclass
class KindTable:
    kind: str
    label: str
    challenges: int
    rows: list[ElementRow]

    @property
    def challenges_text(self) -> str:
        return str(self.challenges)


@dataclass(frozen=True)
class ElementTitles:
    code: str
    title: str
    # (finding title, how many findings had it), alphabetically; None when hidden.
    titles: list[tuple[str, int]] | None
    challenges: int


@dataclass(frozen=True)
class ServiceAreaCount:
    label: str
    findings: int
    challenges: int


@dataclass
class Learning:
    challenges: int
    findings: int
    by_element: list[ElementRow]
    by_kind: list[KindTable]
    titles: list[ElementTitles]
    service_areas: list[ServiceAreaCount]
    service_areas_hidden: int

    @property
    def max_count(self) -> int:
        values = [c.findings for row in self.by_element for c in row.cells if not c.hidden]
        return max(values, default=0)


def element_titles() -> dict[str, str]:
    """Each element code's title from the newest framework version that has it; the newest
    version's codes first, in its order."""
    titles: dict[str, str] = {}
    rows = CoreElement.objects.order_by("-framework__version", "order", "pk").values_list(
        "code", "title"
    )
    for code, title in rows:
        titles.setdefault(code, title)
    return titles


def _kind_label(kind: str) -> str:
    try:
        return OrganisationKind(kind).label
    except ValueError:
        return kind or "Kind not recorded"


def sector_learning() -> Learning:
    """The aggregates of every challenge's findings (five queries, however many findings)."""
    challenge_kinds = dict(Challenge.objects.values_list("pk", "organisation__kind"))
    per_kind = Counter(challenge_kinds.values())
    findings = list(
        Finding.objects.values_list(
            "pk", "challenge_id", "line__element__code", "judgement", "title"
        )
    )
    codes = element_titles()
    total = len(challenge_kinds)

    def new_row(code: str, base: int) -> ElementRow:
        return ElementRow(code, codes[code], Cell(base=base), Cell(base=base))

    by_element = {code: new_row(code, total) for code in codes}
    kinds = sorted(per_kind, key=lambda kind: _kind_label(kind))
    by_kind = {kind: {code: new_row(code, per_kind[kind]) for code in codes} for kind in kinds}
    area_titles: dict[str, Counter] = defaultdict(Counter)
    area_challenges: dict[str, set[int]] = defaultdict(set)
    for _, challenge_id, code, judgement, title in findings:
        if code not in codes:
            continue
        attribute = "strengths" if judgement == Judgement.STRENGTH else "areas"
        for row in (by_element[code], by_kind[challenge_kinds[challenge_id]][code]):
            cell = getattr(row, attribute)
            cell.findings += 1
            cell.challenges.add(challenge_id)
        if judgement == Judgement.AREA_FOR_DEVELOPMENT:
            area_titles[code][title.strip()] += 1
            area_challenges[code].add(challenge_id)

    for row in by_element.values():
        for cell in row.cells:
            cell.hidden = cell.too_few
    for code in codes:
        for attribute in ("strengths", "areas"):
            suppress_across([getattr(by_kind[kind][code], attribute) for kind in kinds])

    titles = _titles(codes, area_titles, area_challenges)
    service_areas, hidden = _service_areas()
    return Learning(
        challenges=total,
        findings=len(findings),
        by_element=list(by_element.values()),
        by_kind=[
            KindTable(kind, _kind_label(kind), per_kind[kind], list(by_kind[kind].values()))
            for kind in kinds
        ],
        titles=titles,
        service_areas=service_areas,
        service_areas_hidden=hidden,
    )


def _titles(
    codes: dict[str, str], area_titles: dict[str, Counter], area_challenges: dict[str, set[int]]
) -> list[ElementTitles]:
    """Each element's titles of areas for development, if enough challenges found some."""
    titles = []
    for code, title in codes.items():
        made_by = len(area_challenges[code])
        listed = sorted(area_titles[code].items(), key=lambda item: (item[0].casefold(), item[0]))
        titles.append(
            ElementTitles(code, title, listed if made_by >= MIN_CHALLENGES else None, made_by)
        )
    return titles


def _service_areas() -> tuple[list[ServiceAreaCount], int]:
    """The service areas most often tagged on areas for development, with the number of
    findings and challenges; those tagged by too few challenges are only counted."""
    through = Finding.service_areas.through
    findings: Counter = Counter()
    challenges: dict[int, set[int]] = defaultdict(set)
    for area_id, challenge_id in through.objects.filter(
        finding__judgement=Judgement.AREA_FOR_DEVELOPMENT
    ).values_list("servicearea_id", "finding__challenge_id"):
        findings[area_id] += 1
        challenges[area_id].add(challenge_id)
    enough = [area for area in findings if len(challenges[area]) >= MIN_CHALLENGES]
    labels = dict(ServiceArea.objects.filter(pk__in=enough).values_list("pk", "label"))
    ranked = sorted(
        enough, key=lambda area: (-findings[area], -len(challenges[area]), labels[area])
    )[:TOP_SERVICE_AREAS]
    return (
        [ServiceAreaCount(labels[a], findings[a], len(challenges[a])) for a in ranked],
        len(findings) - len(enough),
    )
