"""`/api/v1/organisations` and `/api/v1/places`: the register and places as JSON."""

from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from hub.core.api import ErrorEnvelope, HubPagination
from hub.organisations.models import Nation, Organisation, OrganisationKind, Place, Region
from hub.organisations.selectors import organisation_list, place_list

organisations_router = Router(tags=["Organisations"])
places_router = Router(tags=["Places"])


class OrganisationRef(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: OrganisationKind
    kind_label: str
    gss_code: str | None
    register_code: str | None
    nation: str
    region: str
    is_current: bool
    parent: OrganisationRef | None
    combined_authority: OrganisationRef | None
    population: int | None
    url: str

    @staticmethod
    def resolve_kind_label(obj: Organisation) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_url(obj: Organisation) -> str:
        return obj.get_absolute_url()


class OrganisationFilters(FilterSchema):
    kind: OrganisationKind | None = None
    region: Region | None = None
    nation: Nation | None = None
    current: bool | None = None
    q: str | None = None


@organisations_router.get(
    "",
    response=list[OrganisationOut],
    summary="List organisations",
    description="Organisations in the register, filtered by kind, region, nation, current or name.",
)
@paginate(HubPagination)
def list_organisations(request, filters: Query[OrganisationFilters]):
    return organisation_list(
        kind=filters.kind or "",
        region=filters.region or "",
        nation=filters.nation or "",
        current=filters.current,
        query=(filters.q or "").strip(),
    )


@organisations_router.get(
    "/{slug}",
    response={200: OrganisationOut, 404: ErrorEnvelope},
    summary="One organisation",
)
def get_organisation(request, slug: str):
    return get_object_or_404(
        Organisation.objects.select_related("parent", "combined_authority"), slug=slug
    )


class PlacePartnerOut(Schema):
    organisation: OrganisationRef
    partner_kind: str


class PlaceOut(Schema):
    slug: str
    name: str
    description: str
    region: str
    partners: list[PlacePartnerOut]

    @staticmethod
    def resolve_partners(obj: Place) -> list[dict]:
        return [
            {"organisation": m.organisation, "partner_kind": m.partner_kind}
            for m in obj.memberships.all()
        ]


@places_router.get("", response=list[PlaceOut], summary="List places")
@paginate(HubPagination)
def list_places(request):
    return place_list().prefetch_related("memberships__organisation")


@places_router.get("/{slug}", response={200: PlaceOut, 404: ErrorEnvelope}, summary="One place")
def get_place(request, slug: str):
    return get_object_or_404(Place.objects.prefetch_related("memberships__organisation"), slug=slug)
