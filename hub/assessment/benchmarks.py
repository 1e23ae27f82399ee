"""Benchmarks: a team's capability scores beside those of similar councils, without ever
revealing a single council.

Each comparison group (councils of the same kind, in the same region, all councils) holds the
latest closed assessment of every OTHER council, so the viewer's own council never shifts its
own benchmark. Capabilities are matched by code, so councils on different framework versions
compare. A group shows its median and interquartile range only, never a minimum, maximum or
any council's own score, and only when it holds at least MIN_COUNCILS councils.
"""

import statistics
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from hub.assessment import scoring
from hub.assessment.models import Assessment, AssessmentStatus
from hub.organisations.models import COUNCIL_KINDS

# A group shows nothing below this many councils. With quartiles computed the "inclusive" way
# (numpy's default linear interpolation), 5 is also the fewest values for which the 25th and
# 75th percentiles never involve the lowest or highest score: an outlier council's own score
# can never be read off a benchmark, and changing it changes none of the figures shown.
MIN_COUNCILS = 5

KIND = "kind"
REGION = "region"
ALL = "all"


@dataclass(frozen=True)
class Spread:
    """A group's figures for one capability: median and interquartile range, 0-100."""

    councils: int
    lower_quartile: float
    median: float
    upper_quartile: float


@dataclass
class Group:
    key: str
    label: str
    councils: int
    # Why the group has no figures when it is not shown, besides too few councils.
    note: str = ""
    figures: dict[str, Spread | None] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.councils >= MIN_COUNCILS

    @property
    def not_enough_text(self) -> str:
        return (
            "Not enough similar councils have answered yet to compare without identifying them "
            f"({self.councils} of {MIN_COUNCILS})"
        )


@dataclass
class Benchmark:
    assessment: Assessment
    capabilities: list[scoring.CapabilityScore]
    groups: list[Group]

    @property
    def shown_groups(self) -> list[Group]:
        return [group for group in self.groups if group.shown]


def spread(values: list[float]) -> Spread | None:
    """The median and quartiles of `values`, or None for fewer than MIN_COUNCILS of them."""
    if len(values) < MIN_COUNCILS:
        return None
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), lower, median, upper)


def latest_closed_of_other_councils(assessment: Assessment) -> QuerySet[Assessment]:
    """The latest closed assessment of each council other than the assessment's own."""
    latest = (
        Assessment.objects.filter(
            organisation=OuterRef("organisation"), status=AssessmentStatus.CLOSED
        )
        .order_by("-closed_at", "-pk")
        .values("pk")[:1]
    )
    return (
        Assessment.objects.filter(
            status=AssessmentStatus.CLOSED, organisation__kind__in=COUNCIL_KINDS
        )
        .exclude(organisation_id=assessment.organisation_id)
        .filter(pk=Subquery(latest))
        .select_related("organisation")
    )


def _group(key: str, label: str, members: list[dict[str, float]], codes: list[str], note=""):
    group = Group(key=key, label=label, councils=len(members), note=note)
    if group.shown:
        group.figures = {
            code: spread([scores[code] for scores in members if code in scores]) for code in codes
        }
    return group


def benchmark(assessment: Assessment) -> Benchmark:
    """The assessment's scores and its three comparison groups (three queries)."""
    capabilities = scoring.capability_scores(assessment)
    codes = [capability.code for capability in capabilities]
    others = list(latest_closed_of_other_councils(assessment))
    scores = scoring.scores_by_code(others)
    # A council counts only once it has scores: a closed assessment nobody submitted is empty.
    answered = [(other.organisation, scores[other.pk]) for other in others if other.pk in scores]
    organisation = assessment.organisation
    kind_label = organisation.get_kind_display()
    same_kind = [s for org, s in answered if org.kind == organisation.kind]
    groups = [
        _group(
            KIND,
            f"Councils of the same kind ({kind_label.lower()})",
            same_kind if organisation.is_council else [],
            codes,
            "" if organisation.is_council else "Benchmarks of the same kind are for councils.",
        ),
        _group(
            REGION,
            f"Councils in the same region ({organisation.get_region_display()})"
            if organisation.region
            else "Councils in the same region",
            [s for org, s in answered if organisation.region and org.region == organisation.region],
            codes,
            "" if organisation.region else "Your organisation has no region on the register.",
        ),
        _group(ALL, "All councils", [s for _org, s in answered], codes),
    ]
    return Benchmark(assessment=assessment, capabilities=capabilities, groups=groups)
