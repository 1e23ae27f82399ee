"""The query behind the good practice list, its feed, CSV export, API and saved searches.

One query string means the same thing everywhere. Values that are not valid are dropped, so
a hand-edited or old link still shows a sensible list.
"""

from dataclasses import dataclass, field, fields

from django.http import QueryDict

from hub.cases.models import ResourceKind, Sector, Stage
from hub.organisations.models import OrganisationKind, Region
from hub.taxonomy.models import EvidenceLevel


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    MOST_ADOPTED = "most-adopted"
    LARGEST_SAVING = "largest-saving"
    CHOICES = [
        (RELEVANCE, "Relevance"),
        (NEWEST, "Newest"),
        (MOST_ADOPTED, "Most adopted"),
        (LARGEST_SAVING, "Largest verified saving"),
    ]


@dataclass(frozen=True)
class CaseQuery:
    q: str = ""
    kind: tuple[str, ...] = ()
    service_area: tuple[int, ...] = ()
    theme: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    organisation_kind: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    evidence: tuple[int, ...] = ()
    year: tuple[int, ...] = ()
    verified_savings: bool = False
    sort: str = field(default="")

    @property
    def effective_sort(self) -> str:
        if self.sort in dict(Sort.CHOICES) and (self.sort != Sort.RELEVANCE or self.q):
            return self.sort
        return Sort.RELEVANCE if self.q else Sort.NEWEST

    def without(self, name: str, value=None) -> "CaseQuery":
        """The same query with one filter value (or the whole filter) taken off."""
        current = getattr(self, name)
        if isinstance(current, tuple) and value is not None:
            replacement = tuple(item for item in current if item != value)
        else:
            replacement = type(current)()
        return CaseQuery(**{**self.__dict__, name: replacement})

    def to_query_dict(self) -> QueryDict:
        query = QueryDict(mutable=True)
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                query.setlist(item.name, [str(v) for v in value])
            elif value is True:
                query[item.name] = "yes"
            elif value:
                query[item.name] = value
        return query

    def to_query_string(self) -> str:
        return self.to_query_dict().urlencode()

    @property
    def has_filters(self) -> bool:
        return any(
            getattr(self, item.name) for item in fields(self) if item.name not in {"q", "sort"}
        )


def _strings(data: QueryDict, name: str, allowed: set[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in data.getlist(name) if v in allowed))


def _numbers(data: QueryDict, name: str, *, low: int, high: int) -> tuple[int, ...]:
    numbers = []
    for value in data.getlist(name):
        if value.isdigit() and low <= int(value) <= high:
            numbers.append(int(value))
    return tuple(dict.fromkeys(numbers))


def parse_case_query(data: QueryDict) -> CaseQuery:
    return CaseQuery(
        q=data.get("q", "").strip()[:200],
        kind=_strings(data, "kind", set(ResourceKind.values)),
        service_area=_numbers(data, "service_area", low=1, high=99999),
        theme=_strings(
            data, "theme", {t for t in data.getlist("theme") if t.replace("-", "").isalnum()}
        ),
        sector=_strings(data, "sector", set(Sector.values)),
        organisation_kind=_strings(data, "organisation_kind", set(OrganisationKind.values)),
        region=_strings(data, "region", set(Region.values)),
        stage=_strings(data, "stage", set(Stage.values)),
        evidence=_numbers(
            data, "evidence", low=min(EvidenceLevel.values), high=max(EvidenceLevel.values)
        ),
        year=_numbers(data, "year", low=1990, high=2100),
        verified_savings=data.get("verified_savings") == "yes",
        sort=data.get("sort", ""),
    )
