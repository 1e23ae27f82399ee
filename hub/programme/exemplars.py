"""The scaling of exemplars: which published cases other organisations reuse, who reuses them,
at what cost and how quickly, and which well-evidenced cases nobody has reused yet.

Lists run in a fixed number of queries: the cases of a page in one, and the adoptions of those
cases in one more, from which medians and ranges are worked out.
"""

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, QueryDict

from hub.cases import selectors as cases
from hub.cases.filters import CaseQuery
from hub.cases.models import Resource, ResourceKind
from hub.core import charts
from hub.organisations.models import OrganisationKind, Region
from hub.programme.outputs import Quarter, nice_axis
from hub.taxonomy.models import ThemeKind
from hub.taxonomy.selectors import themes_of_kind

NO_REGION = "No region recorded"


@dataclass(frozen=True)
class ExemplarQuery:
    region: str = ""
    theme: str = ""
    kind: str = ""

    def __bool__(self) -> bool:
        return bool(self.region or self.theme or self.kind)


def filter_options() -> dict:
    """The choices of each filter (one query, for the themes)."""
    return {
        "regions": Region.choices,
        "kinds": ResourceKind.choices,
        "themes": [
            (theme.slug, theme.name)
            for theme in themes_of_kind(ThemeKind.DIGITAL_THEME)
            | themes_of_kind(ThemeKind.DECLARATION_PRINCIPLE)
        ],
    }


def parse_query(data: QueryDict, options: dict) -> ExemplarQuery:
    """The filters in a request, ignoring any value that is not one of the choices."""
    chosen = {}
    for name in ("region", "kind", "theme"):
        value = data.get(name, "")
        chosen[name] = value if value in dict(options[f"{name}s"]) else ""
    return ExemplarQuery(**chosen)


def _filtered(resources: QuerySet[Resource], query: ExemplarQuery) -> QuerySet[Resource]:
    return cases.apply_filters(
        resources,
        CaseQuery(
            region=(query.region,) if query.region else (),
            kind=(query.kind,) if query.kind else (),
            theme=(query.theme,) if query.theme else (),
        ),
    )


def most_reused(query: ExemplarQuery) -> QuerySet[Resource]:
    """Published cases reused at least once, most reused first."""
    return (
        _filtered(cases.published_with_adoption_count(), query)
        .filter(adoption_count__gt=0)
        .select_related("lead_organisation")
        .order_by("-adoption_count", "-last_adopted_at", "title", "pk")
    )


def candidates(query: ExemplarQuery) -> QuerySet[Resource]:
    """Published cases with strong evidence (a verified benefit, or Nesta level 3 or above)
    that nobody has recorded reusing yet: ones to promote, best evidenced first."""
    return (
        cases.with_strong_evidence(_filtered(cases.published_with_adoption_count(), query))
        .filter(adoption_count=0)
        .select_related("lead_organisation")
        .order_by("-has_verified_benefit", "-evidence_level", "-published_at", "pk")
    )


# Figures across adopters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """The median and range of a figure across the adopters who gave it."""

    values: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def lowest(self) -> int | None:
        return min(self.values) if self.values else None

    @property
    def highest(self) -> int | None:
        return max(self.values) if self.values else None

    def text(self, number=lambda value: f"{value:,.0f}") -> str:
        """'12 (6 to 18)': the median, then the range; 'Not given' without figures."""
        if not self.values:
            return "Not given"
        median = number(self.median)
        if self.lowest == self.highest:
            return median
        return f"{median} ({number(self.lowest)} to {number(self.highest)})"

    @property
    def money_text(self) -> str:
        return self.text(lambda value: f"£{value:,.0f}")

    @property
    def months_text(self) -> str:
        return self.text(lambda value: f"{value:,.1f}".removesuffix(".0"))


def spread(values: Iterable[int | None]) -> Spread:
    return Spread(tuple(sorted(value for value in values if value is not None)))


@dataclass(frozen=True)
class Figures:
    cost: Spread
    months: Spread


def figures_for(resource_ids: list[int]) -> dict[int, Figures]:
    """Cost to reuse and months to go live across each case's adopters: one query."""
    costs: dict[int, list] = defaultdict(list)
    months: dict[int, list] = defaultdict(list)
    rows = (
        cases.adoptions_of_published()
        .filter(resource_id__in=resource_ids)
        .order_by()
        .values_list("resource_id", "cost_pounds", "months_to_live")
    )
    for resource_id, cost, time in rows:
        costs[resource_id].append(cost)
        months[resource_id].append(time)
    return {
        pk: Figures(cost=spread(costs.get(pk, [])), months=spread(months.get(pk, [])))
        for pk in resource_ids
    }


@dataclass(frozen=True)
class ExemplarRow:
    resource: Resource
    figures: Figures


def with_figures(resources: Iterable[Resource]) -> list[ExemplarRow]:
    resources = list(resources)
    figures = figures_for([resource.pk for resource in resources])
    return [ExemplarRow(resource, figures[resource.pk]) for resource in resources]


# One case ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exemplar:
    resource: Resource
    adoptions: list
    figures: Figures
    by_quarter: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    councils: int


def _counted(counter: Counter, order: list[str]) -> list[tuple[str, int]]:
    ranked = {label: index for index, label in enumerate(order)}
    return sorted(counter.items(), key=lambda item: (ranked.get(item[0], len(ranked)), item[0]))


def exemplar(*, slug: str) -> Exemplar:
    """A published case and everyone who reused it: two queries. 404 if not published."""
    resource = (
        cases.published_resources().select_related("lead_organisation").filter(slug=slug).first()
    )
    if resource is None:
        raise Http404("No published case has that address.")
    adoptions = list(
        cases.adoptions_of_published()
        .filter(resource=resource)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    quarters = Counter(Quarter.of(adoption.created_at) for adoption in adoptions)
    by_quarter = []
    if quarters:
        quarter, last = min(quarters), max(quarters)
        while quarter <= last:
            by_quarter.append((quarter.label, quarters[quarter]))
            quarter = quarter.following()
    regions = Counter(a.organisation.region or NO_REGION for a in adoptions)
    kinds = Counter(a.organisation.get_kind_display() for a in adoptions)
    return Exemplar(
        resource=resource,
        adoptions=adoptions,
        figures=Figures(
            cost=spread(a.cost_pounds for a in adoptions),
            months=spread(a.months_to_live for a in adoptions),
        ),
        by_quarter=by_quarter,
        by_region=_counted(regions, [*Region.values, NO_REGION]),
        by_kind=_counted(kinds, [str(label) for label in OrganisationKind.labels]),
        councils=sum(1 for a in adoptions if a.organisation.is_council),
    )


def adoptions_chart(item: Exemplar) -> charts.BarChart:
    max_value, step = nice_axis(max((count for _, count in item.by_quarter), default=0))
    return charts.bar_chart(
        chart_id="adoptions-by-quarter",
        title="Adoptions each quarter",
        description=f"How many organisations recorded reusing {item.resource.title}, by quarter.",
        categories=[label for label, _ in item.by_quarter],
        series=["Adoptions"],
        values=[[count] for _, count in item.by_quarter],
        max_value=max_value,
        tick_step=step,
        value_format=lambda value: f"{value:,.0f}",
        category_heading="Quarter",
    )
