"""Reads from the good practice database: finding (search, filters, facets, sorting), one
record with everything its page shows, and comparisons."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear

from hub.cases.filters import CaseQuery, Sort
from hub.cases.models import (
    MONEY_BENEFITS,
    Adoption,
    Benefit,
    BenefitPeriod,
    BenefitUnit,
    EvidenceStatus,
    Resource,
    ResourceKind,
    Sector,
    Stage,
    Status,
)
from hub.cases.search import SEARCH_KIND
from hub.organisations.models import OrganisationKind
from hub.search.selectors import SearchResult, search, search_snippets, similar
from hub.search.vocabulary import matched_labels
from hub.taxonomy.models import EvidenceLevel

MAX_SEARCH_HITS = 1000
TOP_FACET_OPTIONS = 12


def published_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(status=Status.PUBLISHED)


def verified_money_benefits() -> QuerySet[Benefit]:
    return Benefit.objects.filter(
        evidence_status=EvidenceStatus.VERIFIED, kind__in=MONEY_BENEFITS, unit=BenefitUnit.POUNDS
    )


def _annual_amount():
    # A verified saving a month counts twelve times a year; one-off savings count once.
    return Case(
        When(period=BenefitPeriod.PER_MONTH, then=F("amount") * 12),
        default=F("amount"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def with_figures(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Annotate adoption counts and verified yearly savings (subqueries: no join blow-up)."""
    adoptions = (
        Adoption.objects.filter(resource=OuterRef("pk"))
        .values("resource")
        .annotate(total=Count("pk"))
        .values("total")
    )
    savings = (
        verified_money_benefits()
        .filter(resource=OuterRef("pk"))
        .values("resource")
        .annotate(total=Sum(_annual_amount()))
        .values("total")
    )
    return resources.annotate(
        adoption_count=Coalesce(Subquery(adoptions), Value(0)),
        verified_saving=Coalesce(
            Subquery(savings), Value(0), output_field=DecimalField(max_digits=16, decimal_places=2)
        ),
    )


def _through_ids(field_name: str, **lookup):
    through = getattr(Resource, field_name).through
    return through.objects.filter(**lookup).values("resource_id")


def apply_filters(resources: QuerySet[Resource], query: CaseQuery, *, skip: str = "") -> QuerySet:
    """Every filter of `query` but `skip` (facet counts leave their own filter out)."""
    simple = {
        "kind": "kind__in",
        "sector": "sector__in",
        "organisation_kind": "lead_organisation__kind__in",
        "region": "lead_organisation__region__in",
        "stage": "stage__in",
        "evidence": "evidence_level__in",
        "year": "start_date__year__in",
    }
    for name, lookup in simple.items():
        if name != skip and getattr(query, name):
            resources = resources.filter(**{lookup: getattr(query, name)})
    if skip != "service_area" and query.service_area:
        resources = resources.filter(
            pk__in=_through_ids("service_areas", servicearea__lgsl_code__in=query.service_area)
        )
    if skip != "theme" and query.theme:
        resources = resources.filter(pk__in=_through_ids("themes", theme__slug__in=query.theme))
    if skip != "verified_savings" and query.verified_savings:
        resources = resources.filter(pk__in=verified_money_benefits().values("resource_id"))
    return resources


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)


def _options(rows, selected, labels=None) -> list[FacetOption]:
    options = []
    for value, label, count in rows:
        if value in (None, ""):
            continue
        options.append(
            FacetOption(
                value=str(value),
                label=str(labels.get(value, value) if labels else label),
                count=count,
                selected=value in selected,
            )
        )
    return options


def _count_by(resources: QuerySet, path: str, label_path: str | None = None):
    values = [path, label_path] if label_path else [path]
    rows = resources.values(*values).annotate(n=Count("pk", distinct=True)).order_by("-n", path)
    return [(row[path], row[label_path] if label_path else None, row["n"]) for row in rows]


def _facets(base: QuerySet, query: CaseQuery) -> list[Facet]:
    facets = []
    choice_facets = [
        ("kind", "Type", "kind", dict(ResourceKind.choices)),
        ("sector", "Sector", "sector", dict(Sector.choices)),
        (
            "organisation_kind",
            "Kind of organisation",
            "lead_organisation__kind",
            dict(OrganisationKind.choices),
        ),
        ("region", "Region", "lead_organisation__region", None),
        ("stage", "Stage", "stage", dict(Stage.choices)),
        ("evidence", "Evidence level", "evidence_level", dict(EvidenceLevel.choices)),
    ]
    for name, label, path, labels in choice_facets:
        rows = _count_by(apply_filters(base, query, skip=name), path)
        facets.append(
            Facet(
                name, label, _options(((v, v, n) for v, _, n in rows), getattr(query, name), labels)
            )
        )

    for name, label, path, label_path in (
        ("service_area", "Service area (LGSL)", "service_areas__lgsl_code", "service_areas__label"),
        ("theme", "Theme", "themes__slug", "themes__name"),
    ):
        rows = _count_by(apply_filters(base, query, skip=name), path, label_path)
        options = _options(rows, getattr(query, name))
        top = options[:TOP_FACET_OPTIONS] + [o for o in options[TOP_FACET_OPTIONS:] if o.selected]
        facets.append(Facet(name, label, top))

    years = (
        apply_filters(base, query, skip="year")
        .annotate(started=ExtractYear("start_date"))
        .values("started")
        .annotate(n=Count("pk"))
        .order_by("-started")
    )
    facets.append(
        Facet(
            "year",
            "Year started",
            _options(((r["started"], r["started"], r["n"]) for r in years), query.year),
        )
    )
    verified = apply_filters(base, query, skip="verified_savings").filter(
        pk__in=verified_money_benefits().values("resource_id")
    )
    facets.append(
        Facet(
            "verified_savings",
            "Savings",
            [FacetOption("yes", "Has verified savings", verified.count(), query.verified_savings)],
        )
    )
    return facets


@dataclass
class CaseSearch:
    query: CaseQuery
    ordered: list[int] | QuerySet
    facets: list[Facet]
    search_result: SearchResult | None

    @property
    def total(self) -> int:
        return len(self.ordered) if isinstance(self.ordered, list) else self.ordered.count()

    def ordered_ids(self, limit: int | None = None) -> list[int]:
        if isinstance(self.ordered, list):
            return self.ordered[:limit]
        return list(self.ordered.values_list("pk", flat=True)[:limit])


SORT_ORDER = {
    Sort.NEWEST: ("-published_at", "-pk"),
    Sort.MOST_ADOPTED: ("-adoption_count", "-published_at", "-pk"),
    Sort.LARGEST_SAVING: ("-verified_saving", "-published_at", "-pk"),
}


def _ids_in(resources: QuerySet[Resource], ids: list[int]) -> set[int]:
    """Those of `ids` that `resources` holds, in one query, the ids bound as they are: with a
    search's 1,000 hits, a pk__in took 6 to 15 ms (the ORM prepares each id), this 2 ms."""
    if not ids:
        return set()
    sql, params = resources.order_by().values_list("id").query.sql_with_params()
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM ({sql}) AS found WHERE id IN ({placeholders})",  # noqa: S608 - the ORM's SQL and placeholders
            [*params, *ids],
        )
        return {row[0] for row in cursor.fetchall()}


def case_search(query: CaseQuery, *, with_facets: bool = True) -> CaseSearch:
    """Published records matching `query`, in its order, with facet counts.

    Text goes through the one search service; filters and facets are database queries over
    its hits. Relevance order is the search service's; the other orders are the database's.
    """
    base = published_resources()
    result = search(text=query.q, kind=SEARCH_KIND, limit=MAX_SEARCH_HITS) if query.q else None
    by_relevance = result is not None and query.effective_sort == Sort.RELEVANCE
    if result is not None and (with_facets or not by_relevance):
        base = base.filter(pk__in=result.ranked_ids)
    if by_relevance:
        allowed = _ids_in(apply_filters(published_resources(), query), result.ranked_ids)
        ordered: list[int] | QuerySet = [pk for pk in result.ranked_ids if pk in allowed]
    else:
        order = SORT_ORDER.get(query.effective_sort, SORT_ORDER[Sort.NEWEST])
        ordered = with_figures(apply_filters(base, query)).order_by(*order)
    facets = _facets(base, query) if with_facets else []
    return CaseSearch(query=query, ordered=ordered, facets=facets, search_result=result)


def resource_cards(object_list, *, themes: bool = True) -> list[Resource]:
    """The records of one page, in order, with what a result card shows. `themes=False`: for
    a reader that shows none (the API), without the query that loads them."""
    ids = [item if isinstance(item, int) else item.pk for item in object_list]
    records = with_figures(Resource.objects.filter(pk__in=ids)).select_related("lead_organisation")
    if themes:
        records = records.prefetch_related("themes")
    by_id = {record.pk: record for record in records}
    return [by_id[pk] for pk in ids if pk in by_id]


def page_snippets(search_result: SearchResult | None, ids: list[int]) -> dict[int, str]:
    if search_result is None:
        return {}
    return search_snippets(result=search_result, kind=SEARCH_KIND, object_ids=ids)


def page_match_hints(search_result: SearchResult | None, ids: list[int]) -> dict[int, list[str]]:
    """Why each record of a page matched: those of its service areas and themes that the
    query or its expansion names, e.g. "Household waste collection (service area)".
    One query for the whole page."""
    if search_result is None or not ids:
        return {}
    query = search_result.expanded or search_result.query
    areas = (
        Resource.service_areas.through.objects.filter(resource_id__in=ids)
        .annotate(what=Value("service area"))
        .values_list("resource_id", "servicearea__label", "what")
    )
    themes = (
        Resource.themes.through.objects.filter(resource_id__in=ids)
        .annotate(what=Value("theme"))
        .values_list("resource_id", "theme__name", "what")
    )
    labels: dict[int, list[tuple[str, str]]] = {}
    for resource_id, label, what in areas.union(themes, all=True):
        labels.setdefault(resource_id, []).append((label, what))
    hints = {}
    for resource_id, named in labels.items():
        matched = set(matched_labels(query, [label for label, _ in named]))
        ordered = sorted(
            {(what != "service area", label, what) for label, what in named if label in matched}
        )
        if ordered:
            hints[resource_id] = [f"{label} ({what})" for _, label, what in ordered]
    return hints


def resource_detail(*, slug: str) -> Resource:
    return (
        with_figures(Resource.objects.all())
        .select_related("lead_organisation", "place", "contributor")
        .prefetch_related(
            "partner_organisations",
            "service_areas",
            "themes",
            "technologies",
            "suppliers",
            "attachments",
            "contacts__person__organisation",
            Prefetch("benefits", queryset=Benefit.objects.select_related("verified_by")),
            Prefetch("adoptions", queryset=Adoption.objects.select_related("organisation")),
            "transitions__by",
        )
        .get(slug=slug)
    )


def similar_resources(*, resource: Resource, limit: int = 5) -> list[Resource]:
    hits = similar(kind=SEARCH_KIND, object_id=resource.pk, limit=limit)
    published = set(
        published_resources()
        .filter(pk__in=[h.object_id for h in hits])
        .values_list("pk", flat=True)
    )
    return resource_cards([hit.object_id for hit in hits if hit.object_id in published])


def resources_to_compare(*, slugs: list[str]) -> list[Resource]:
    records = list(
        with_figures(published_resources().filter(slug__in=slugs[:3]))
        .select_related("lead_organisation")
        .prefetch_related("benefits", "themes", "service_areas", "technologies", "suppliers")
    )
    order = {slug: index for index, slug in enumerate(slugs)}
    return sorted(records, key=lambda record: order[record.slug])


def moderation_queue() -> QuerySet[Resource]:
    return (
        Resource.objects.filter(status=Status.SUBMITTED)
        .select_related("contributor", "lead_organisation")
        .order_by("updated_at")
    )


def resources_of(*, user) -> QuerySet[Resource]:
    return Resource.objects.filter(contributor=user).order_by("-updated_at")


# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_contributing() -> QuerySet:
    """Ids of organisations that lead a published case: one query, each id once."""
    return (
        published_resources()
        .filter(lead_organisation__isnull=False)
        .order_by()
        .values_list("lead_organisation_id", flat=True)
        .distinct()
    )


def organisation_ids_reusing() -> QuerySet:
    """Ids of organisations that have recorded reusing a case: one query, each id once."""
    return Adoption.objects.order_by().values_list("organisation_id", flat=True).distinct()


# Programme benefits and exemplars (read by hub/programme/benefits.py and exemplars.py) ------


def published_benefits() -> QuerySet[Benefit]:
    """Benefits that carry an amount, of published records: the programme's benefit figures.
    Each keeps its own evidence status (claimed, verified, disputed never mix)."""
    return Benefit.objects.filter(resource__status=Status.PUBLISHED, amount__isnull=False)


def adoptions_of_published() -> QuerySet[Adoption]:
    """Every recorded reuse of a published record."""
    return Adoption.objects.filter(resource__status=Status.PUBLISHED)


def published_with_adoption_count() -> QuerySet[Resource]:
    """Published records annotated with `adoption_count` and `last_adopted_at` (subqueries:
    no join blow-up when other filters join too)."""
    adoptions = Adoption.objects.filter(resource=OuterRef("pk")).order_by().values("resource")
    return published_resources().annotate(
        adoption_count=Coalesce(
            Subquery(adoptions.annotate(total=Count("pk")).values("total")), Value(0)
        ),
        last_adopted_at=Subquery(adoptions.annotate(last=Max("created_at")).values("last")),
    )


def with_strong_evidence(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Records with a verified benefit, or evidence at Nesta level 3 (causation) or above."""
    verified = Benefit.objects.filter(
        resource=OuterRef("pk"), evidence_status=EvidenceStatus.VERIFIED
    )
    return resources.filter(
        Q(evidence_level__gte=EvidenceLevel.CAUSATION) | Q(Exists(verified))
    ).annotate(has_verified_benefit=Exists(verified))
