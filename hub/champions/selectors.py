"""Reads of champion profiles: the approved directory with each champion's load, one profile
with what its page shows, the nominations queue, and the directory's query.

A champion's load is their open mentorings (requested or under way, ACTIVE_MENTORING); they
have capacity while they are available and their load is under their mentee capacity.
"""

from dataclasses import dataclass, fields

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.cases.selectors import published_resources
from hub.champions.models import (
    ACTIVE_MENTORING,
    ChampionProfile,
    Mentoring,
    MentoringStatus,
    ProfileStatus,
)
from hub.champions.search import SEARCH_KIND
from hub.events.models import EventStatus
from hub.events.selectors import visible_events
from hub.organisations.models import OrganisationKind, Region
from hub.search.selectors import SearchResult, search
from hub.taxonomy.models import ServiceArea, Theme

# Hits asked of the search service for one directory search.
MAX_SEARCH_HITS = 1000


def with_load(profiles: QuerySet[ChampionProfile]) -> QuerySet[ChampionProfile]:
    """`open_mentorings` (their load) and `has_capacity`, counted in the same query."""
    return profiles.annotate(
        open_mentorings=Count("mentorings", filter=Q(mentorings__status__in=ACTIVE_MENTORING))
    ).annotate(
        has_capacity=Case(
            When(Q(available=True) & Q(open_mentorings__lt=F("mentee_capacity")), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def with_expertise(profiles: QuerySet[ChampionProfile]) -> QuerySet[ChampionProfile]:
    """Service areas, themes, published cases led, technologies and suppliers preloaded."""
    return profiles.prefetch_related(
        "service_areas",
        "themes",
        Prefetch("cases_led", queryset=published_resources().order_by("title")),
        "technologies",
        "suppliers",
    )


def approved_champions() -> QuerySet[ChampionProfile]:
    """Every approved champion with their person and organisation: what the public may see."""
    return ChampionProfile.objects.filter(status=ProfileStatus.APPROVED).select_related(
        "person__organisation"
    )


def champion_cards(profiles) -> QuerySet[ChampionProfile]:
    """Approved champions with their load and expertise: what a directory card or the API shows."""
    return with_expertise(with_load(profiles))


def capacity_left(profile: ChampionProfile) -> int:
    """How many more mentees they can take now; 0 when they are not available."""
    if not profile.available:
        return 0
    load = getattr(profile, "open_mentorings", None)
    if load is None:
        load = profile.mentorings.filter(status__in=ACTIVE_MENTORING).count()
    return max(profile.mentee_capacity - load, 0)


@dataclass(frozen=True)
class DirectoryQuery:
    """The directory's search and filters, from its query string (pages and API alike)."""

    q: str = ""
    service_area: int | None = None
    theme: str = ""
    region: str = ""
    organisation_kind: str = ""
    has_capacity: bool = False

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, item.name) for item in fields(self))


def parse_directory_query(data: QueryDict) -> DirectoryQuery:
    """Values that are not valid are dropped, so an old or hand-edited link still works."""
    area = data.get("service_area", "").strip()
    region = data.get("region", "")
    kind = data.get("organisation_kind", "")
    return DirectoryQuery(
        q=data.get("q", "").strip()[:200],
        service_area=int(area) if area.isdigit() else None,
        theme=data.get("theme", "").strip()[:80],
        region=region if region in Region.values else "",
        organisation_kind=kind if kind in OrganisationKind.values else "",
        has_capacity=data.get("has_capacity", "") in {"1", "true", "on", "yes"},
    )


@dataclass(frozen=True)
class DirectorySearch:
    query: DirectoryQuery
    champions: QuerySet[ChampionProfile]
    search_result: SearchResult | None


def filter_champions(
    profiles: QuerySet[ChampionProfile], query: DirectoryQuery
) -> QuerySet[ChampionProfile]:
    if query.service_area is not None:
        profiles = profiles.filter(service_areas__lgsl_code=query.service_area)
    if query.theme:
        profiles = profiles.filter(themes__slug=query.theme)
    if query.region:
        profiles = profiles.filter(person__organisation__region=query.region)
    if query.organisation_kind:
        profiles = profiles.filter(person__organisation__kind=query.organisation_kind)
    if query.has_capacity:
        profiles = profiles.filter(has_capacity=1)
    return profiles


def champion_directory(query: DirectoryQuery) -> DirectorySearch:
    """Approved champions matching `query`: ranked by the one search service when there is
    text, else by name. Filters are database queries over its hits."""
    profiles = filter_champions(champion_cards(approved_champions()), query)
    result = None
    if query.q:
        result = search(text=query.q, kind=SEARCH_KIND, limit=MAX_SEARCH_HITS)
        ranked = result.ranked_ids
        profiles = profiles.filter(pk__in=ranked).order_by(
            Case(
                *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ranked)),
                output_field=IntegerField(),
            )
            if ranked
            else "pk"
        )
    else:
        profiles = profiles.order_by("person__full_name", "pk")
    return DirectorySearch(query=query, champions=profiles.distinct(), search_result=result)


def champion_detail(slug: str) -> ChampionProfile:
    """One profile, any status (the view checks champions.view_profile), with its page's data.
    Raises ChampionProfile.DoesNotExist."""
    return champion_cards(ChampionProfile.objects.select_related("person__organisation")).get(
        slug=slug
    )


def approved_profile_of(person_id: int | None) -> ChampionProfile | None:
    """The person's champion profile if it is approved, else None."""
    if person_id is None:
        return None
    return approved_champions().filter(person_id=person_id).first()


def champions_who_led(resource_id: int) -> list[ChampionProfile]:
    """Approved champions who led this good practice record, for its page."""
    return list(
        approved_champions()
        .filter(cases_led=resource_id)
        .select_related("person__organisation")
        .order_by("person__full_name")
    )


def hosted_open_sessions(profile: ChampionProfile) -> list:
    """Upcoming public open sessions the champion hosts, soonest first."""
    if profile.person.user_id is None:
        return []
    return list(
        visible_events(None)
        .filter(
            host_id=profile.person.user_id,
            status=EventStatus.SCHEDULED,
            ends_at__gt=timezone.now(),
        )
        .order_by("starts_at", "pk")
    )


def nominations() -> QuerySet[ChampionProfile]:
    """Nominations waiting for a programme admin's decision, oldest first."""
    return (
        ChampionProfile.objects.filter(status=ProfileStatus.NOMINATED)
        .select_related("person__organisation", "nominated_by")
        .order_by("created_at", "pk")
    )


def programme_admin_emails() -> list[str]:
    return list(
        User.objects.filter(groups__name=Role.PROGRAMME_ADMIN.value, is_active=True)
        .values_list("email", flat=True)
        .distinct()
    )


def filter_options() -> dict:
    """Choices for the directory's filters: only service areas and themes champions have."""
    approved = Q(champions__status=ProfileStatus.APPROVED)
    return {
        "service_areas": list(ServiceArea.objects.filter(approved).distinct().order_by("label")),
        "themes": list(Theme.objects.filter(approved).distinct().order_by("kind", "order", "name")),
        "regions": Region.choices,
        "organisation_kinds": OrganisationKind.choices,
    }


# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_in_network() -> QuerySet:
    """Ids of organisations with an approved champion, or a mentee in a mentoring that got
    under way (accepted, or since closed): one query, each id once."""
    champions = (
        ChampionProfile.objects.filter(status=ProfileStatus.APPROVED)
        .order_by()
        .values_list("person__organisation_id", flat=True)
    )
    mentees = (
        Mentoring.objects.filter(
            status__in=(MentoringStatus.ACCEPTED, MentoringStatus.CLOSED),
            mentee__person__isnull=False,
        )
        .order_by()
        .values_list("mentee__person__organisation_id", flat=True)
    )
    return champions.union(mentees)


# Programme outputs (read by hub/programme/outputs.py) -----------------------------------------


def mentorings_started() -> QuerySet[Mentoring]:
    """Mentoring relationships that got under way (accepted); `closed_at` is set once they
    end, whether closed or withdrawn."""
    return Mentoring.objects.filter(started_at__isnull=False)
