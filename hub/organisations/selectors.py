from django.db.models import Count, Q, QuerySet

from hub.organisations.models import COUNCIL_KINDS, Nation, Organisation, Place, PlacePartner


def council_list(
    *,
    query: str = "",
    region: str = "",
    kind: str = "",
    nation: str = "",
    include_former: bool = False,
) -> QuerySet[Organisation]:
    """Councils in the register, filtered. The register is small (under 500 rows), so a
    case-insensitive name match is fine here; full text search over content is the search app's."""
    councils = Organisation.objects.filter(kind__in=COUNCIL_KINDS).select_related("parent")
    if not include_former:
        councils = councils.filter(is_current=True)
    if query:
        councils = councils.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(gss_code__iexact=query)
        )
    if region:
        councils = councils.filter(region=region)
    if kind:
        councils = councils.filter(kind=kind)
    if nation:
        councils = councils.filter(nation=nation)
    return councils.order_by("name")


def organisation_list(
    *,
    kind: str = "",
    region: str = "",
    nation: str = "",
    current: bool | None = None,
    query: str = "",
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("parent", "combined_authority")
    if kind:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(region=region)
    if nation:
        organisations = organisations.filter(nation=nation)
    if current is not None:
        organisations = organisations.filter(is_current=current)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query)
        )
    return organisations.order_by("name")


def organisation_detail(*, slug: str) -> Organisation:
    return Organisation.objects.select_related("parent", "combined_authority").get(slug=slug)


def organisation_related(*, organisation: Organisation) -> dict:
    return {
        "children": organisation.children.filter(is_current=True).order_by("name"),
        "constituent_members": organisation.constituent_members.filter(is_current=True).order_by(
            "name"
        ),
        "places": organisation.places.order_by("name"),
        "people_count": organisation.people.count(),
    }


def current_english_council_count() -> int:
    return Organisation.objects.filter(
        kind__in=COUNCIL_KINDS, is_current=True, nation=Nation.ENGLAND
    ).count()


def place_list() -> QuerySet[Place]:
    return Place.objects.annotate(partner_count=Count("memberships")).order_by("name")


def place_detail(*, slug: str) -> Place:
    return Place.objects.prefetch_related("memberships__organisation").get(slug=slug)


# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def place_partner_ids() -> QuerySet:
    """(place id, organisation id) for every partner of every place, in one query."""
    return PlacePartner.objects.order_by().values_list("place_id", "organisation_id")
