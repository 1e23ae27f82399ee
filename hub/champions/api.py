"""`/api/v1/champions`: the public directory of approved champions as JSON.

Only approved profiles are ever listed, whoever asks (the API has no sessions). A champion's
record carries no personal data beyond what their public page shows: name, role, organisation,
region, expertise, the cases they led, and how many more mentees they can take.
"""

from django.http import Http404, QueryDict
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.champions.models import ChampionProfile, Frequency
from hub.champions.selectors import (
    approved_champions,
    capacity_left,
    champion_cards,
    champion_directory,
    parse_directory_query,
)
from hub.core.api import ErrorEnvelope, HubPagination
from hub.core.notify import absolute_url
from hub.organisations.models import OrganisationKind, Region

champions_router = Router(tags=["Champions"])


class ChampionFilters(Schema):
    q: str = Field("", max_length=200, description="Words, ranked by the Hub's search service.")
    service_area: int | None = Field(None, description="An LGSL code, e.g. 1051.")
    theme: str = Field("", description="A theme slug, e.g. channel-shift.")
    region: Region | None = Field(None, description="The region of the champion's organisation.")
    organisation_kind: OrganisationKind | None = Field(
        None, description="The kind of the champion's organisation."
    )
    has_capacity: bool = Field(False, description="Only champions taking mentees now.")


class OrganisationOut(Schema):
    name: str
    slug: str
    kind: str
    region: str


class ServiceAreaOut(Schema):
    lgsl_code: int
    label: str


class ThemeOut(Schema):
    slug: str
    name: str


class CaseLedOut(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class ChampionOut(Schema):
    slug: str
    name: str
    role: str = Field(validation_alias="role_summary")
    organisation: OrganisationOut
    region: str
    service_areas: list[ServiceAreaOut]
    themes: list[ThemeOut]
    technologies: list[str]
    suppliers: list[str]
    cases_led: list[CaseLedOut]
    meeting_frequency: Frequency
    capacity_left: int = Field(description="How many more mentees they can take now.")
    url: str

    @staticmethod
    def resolve_name(obj: ChampionProfile) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_organisation(obj: ChampionProfile):
        return obj.person.organisation

    @staticmethod
    def resolve_region(obj: ChampionProfile) -> str:
        return obj.person.organisation.region

    @staticmethod
    def resolve_service_areas(obj: ChampionProfile):
        return obj.service_areas.all()

    @staticmethod
    def resolve_themes(obj: ChampionProfile):
        return obj.themes.all()

    @staticmethod
    def resolve_technologies(obj: ChampionProfile) -> list[str]:
        return [technology.name for technology in obj.technologies.all()]

    @staticmethod
    def resolve_suppliers(obj: ChampionProfile) -> list[str]:
        return [supplier.name for supplier in obj.suppliers.all()]

    @staticmethod
    def resolve_cases_led(obj: ChampionProfile):
        return obj.cases_led.all()

    @staticmethod
    def resolve_capacity_left(obj: ChampionProfile) -> int:
        return capacity_left(obj)

    @staticmethod
    def resolve_url(obj: ChampionProfile) -> str:
        return absolute_url(obj.get_absolute_url())


def _as_query_dict(filters: ChampionFilters) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in filters.dict().items():
        if value not in (None, "", False):
            data[name] = "1" if value is True else str(value)
    return data


@champions_router.get(
    "",
    response=list[ChampionOut],
    summary="List approved champions",
    description="Ranked by the search service when `q` is given, else by name.",
)
@paginate(HubPagination)
def list_champions(request, filters: Query[ChampionFilters]):
    return champion_directory(parse_directory_query(_as_query_dict(filters))).champions


@champions_router.get(
    "/{slug}", response={200: ChampionOut, 404: ErrorEnvelope}, summary="One approved champion"
)
def get_champion(request, slug: str):
    profile = champion_cards(approved_champions()).filter(slug=slug).first()
    if profile is None:
        raise Http404("No approved champion has this address")
    return profile
