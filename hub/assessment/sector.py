"""The programme unit's overview of the self-assessment across the sector: anonymised take-up
and movement, never a council's name or a single council's scores.

Counts of councils by region and by kind show "fewer than 5" for any cell under
MIN_COUNCILS; when the cells hidden add up to between 1 and 4 (so the total would give them
away), the next smallest is hidden too. Movement per capability is the mean change between a
council's last two closed assessments, shown only when MIN_COUNCILS councils have both.
"""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from hub.assessment import scoring
from hub.assessment.benchmarks import MIN_COUNCILS
from hub.assessment.models import Assessment, AssessmentStatus, Capability
from hub.organisations.models import COUNCIL_KINDS, OrganisationKind, Region

FEWER_THAN = f"fewer than {MIN_COUNCILS}"
# Councils without a region are counted too, or the total would give their number away.
NO_REGION = ("", "Region not recorded")


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None when suppressed

    @property
    def text(self) -> str:
        return FEWER_THAN if self.count is None else str(self.count)


def suppress(counts: dict[str, int]) -> list[Cell]:
    """Each count, or None where it is under MIN_COUNCILS; then, while the hidden counts add
    up to 1-4 (which a shown total would reveal), the smallest shown one is hidden too."""
    hidden = {label for label, count in counts.items() if count < MIN_COUNCILS}
    while 0 < sum(counts[label] for label in hidden) < MIN_COUNCILS:
        shown = [label for label in counts if label not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=lambda label: (counts[label], label)))
    return [Cell(label, None if label in hidden else count) for label, count in counts.items()]


@dataclass(frozen=True)
class Movement:
    code: str
    title: str
    councils: int
    earlier: float | None  # mean score at the earlier assessment, None when hidden
    latest: float | None

    @property
    def shown(self) -> bool:
        return self.earlier is not None

    @property
    def change(self) -> float | None:
        return None if self.earlier is None else self.latest - self.earlier


@dataclass(frozen=True)
class Overview:
    councils: Cell
    by_region: list[Cell]
    by_kind: list[Cell]
    by_quarter: list[tuple[str, int]]
    movement: list[Movement]
    councils_reassessed: Cell


def quarter(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year} Q{(local.month - 1) // 3 + 1}"


def closed_council_assessments():
    return Assessment.objects.filter(
        status=AssessmentStatus.CLOSED, organisation__kind__in=COUNCIL_KINDS
    )


def capability_titles() -> dict[str, str]:
    """Each capability code's title from the newest version that has it; the codes of the
    newest version first, in its order."""
    titles: dict[str, str] = {}
    rows = Capability.objects.order_by("-framework__version", "order", "pk").values_list(
        "code", "title"
    )
    for code, title in rows:
        titles.setdefault(code, title)
    return titles


def movement(assessments: list[Assessment]) -> list[Movement]:
    """Mean scores at each council's last two closed assessments, per capability."""
    by_council: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        by_council[assessment.organisation_id].append(assessment)
    pairs = []
    for items in by_council.values():
        if len(items) >= 2:
            items.sort(key=lambda a: (a.closed_at, a.pk))
            pairs.append((items[-2], items[-1]))
    scores = scoring.scores_by_code([a for pair in pairs for a in pair])
    changes: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for earlier, latest in pairs:
        before, after = scores.get(earlier.pk, {}), scores.get(latest.pk, {})
        for code in before.keys() & after.keys():
            changes[code].append((before[code], after[code]))
    rows = []
    for code, title in capability_titles().items():
        values = changes.get(code, [])
        enough = len(values) >= MIN_COUNCILS
        rows.append(
            Movement(
                code,
                title,
                len(values),
                statistics.fmean(v[0] for v in values) if enough else None,
                statistics.fmean(v[1] for v in values) if enough else None,
            )
        )
    return rows


def overview() -> Overview:
    """Take-up and movement across councils (three queries)."""
    assessments = list(
        closed_council_assessments().select_related("organisation").order_by("closed_at", "pk")
    )
    councils = {a.organisation_id: a.organisation for a in assessments}
    regions = Counter(org.region for org in councils.values())
    kinds = Counter(org.kind for org in councils.values())
    quarters = Counter(quarter(a.closed_at) for a in assessments if a.closed_at)
    reassessed = Counter(a.organisation_id for a in assessments)
    return Overview(
        councils=suppress({"Councils": len(councils)})[0],
        by_region=suppress(
            {label: regions.get(value, 0) for value, label in [*Region.choices, NO_REGION]}
        ),
        by_kind=suppress(
            {OrganisationKind(kind).label: kinds.get(kind, 0) for kind in COUNCIL_KINDS}
        ),
        by_quarter=sorted(quarters.items()),
        movement=movement(assessments),
        councils_reassessed=suppress({"Reassessed": sum(1 for n in reassessed.values() if n >= 2)})[
            0
        ],
    )
