"""What programme staff see of the network: each champion's activity (mentees, meetings,
sessions hosted, cases led) and the gaps, by region and by expertise.

Counts only: meeting notes, problems and feedback belong to the two people in a mentoring.
Every count is a correlated subquery, so the rows do not multiply across joins.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hub.cases.models import Resource, Status
from hub.champions.models import ChampionProfile, Meeting, Mentoring, MentoringStatus, ProfileStatus
from hub.events.models import Event, EventStatus
from hub.organisations.models import Region
from hub.taxonomy.models import ServiceArea, Theme

OTHER_NATIONS = (Region.SCOTLAND, Region.WALES, Region.NORTHERN_IRELAND)
ENGLISH_REGIONS = [region for region in Region if region not in OTHER_NATIONS]
# Champions who are, or have been, active in the network.
LISTED_STATUSES = (ProfileStatus.APPROVED, ProfileStatus.PAUSED)
SERVICE_AREA_GAPS_SHOWN = 20


def _subcount(queryset: QuerySet, group_by: str) -> Coalesce:
    """The number of rows of `queryset` (already filtered on an OuterRef), 0 when none."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _count_for_champion(queryset: QuerySet, champion_path: str) -> Coalesce:
    return _subcount(queryset.filter(**{champion_path: OuterRef("pk")}), champion_path)


def champion_activity() -> QuerySet[ChampionProfile]:
    """Approved and paused champions with their counts, by name."""
    hosted = Event.objects.filter(host=OuterRef("person__user")).exclude(
        status__in=[EventStatus.DRAFT, EventStatus.CANCELLED]
    )
    led = ChampionProfile.cases_led.through.objects.filter(championprofile=OuterRef("pk"))
    return (
        ChampionProfile.objects.filter(status__in=LISTED_STATUSES)
        .select_related("person__organisation")
        .annotate(
            mentees_now=_count_for_champion(
                Mentoring.objects.filter(status=MentoringStatus.ACCEPTED), "champion"
            ),
            requests_waiting=_count_for_champion(
                Mentoring.objects.filter(status=MentoringStatus.REQUESTED), "champion"
            ),
            closed=_count_for_champion(
                Mentoring.objects.filter(status=MentoringStatus.CLOSED), "champion"
            ),
            meetings_held=_count_for_champion(Meeting.objects.all(), "mentoring__champion"),
            sessions_hosted=_subcount(hosted, "host"),
            cases_led_count=_subcount(led, "championprofile"),
        )
        .order_by("person__full_name", "pk")
    )


TOTALLED = (
    "mentees_now",
    "mentee_capacity",
    "requests_waiting",
    "closed",
    "meetings_held",
    "sessions_hosted",
    "cases_led_count",
)


def totals(champions) -> dict[str, int]:
    return {name: sum(getattr(c, name) for c in champions) for name in TOTALLED}


@dataclass(frozen=True)
class Gap:
    """A region or an area of expertise, and how many approved champions it has."""

    label: str
    approved: int


def gaps_by_region() -> list[Gap]:
    """Every English region with its number of approved champions (by their organisation)."""
    counts = dict(
        ChampionProfile.objects.filter(status=ProfileStatus.APPROVED)
        .order_by()
        .values_list("person__organisation__region")
        .annotate(n=Count("pk"))
    )
    return [Gap(label=region.label, approved=counts.get(region, 0)) for region in ENGLISH_REGIONS]


def gaps_by_theme() -> list[Gap]:
    """Every theme with its number of approved champions."""
    themes = Theme.objects.annotate(
        approved=Count("champions", filter=Q(champions__status=ProfileStatus.APPROVED))
    ).order_by("kind", "order", "name")
    return [Gap(label=theme.name, approved=theme.approved) for theme in themes]


def service_areas_without_champions() -> QuerySet[ServiceArea]:
    """The service areas of most published cases that no approved champion knows."""
    covered = ServiceArea.objects.filter(champions__status=ProfileStatus.APPROVED)
    published = Resource.service_areas.through.objects.filter(
        servicearea=OuterRef("pk"), resource__status=Status.PUBLISHED
    )
    return (
        ServiceArea.objects.exclude(pk__in=covered.values("pk"))
        .annotate(published_cases=_subcount(published, "servicearea"))
        .filter(published_cases__gt=0)
        .order_by("-published_cases", "label")[:SERVICE_AREA_GAPS_SHOWN]
    )
