"""The public bodies behind imported content, mapped to the Hub's organisations.

Councils come from the register. The bodies that wrote the design histories and the Service
Manual are central government and NHS bodies, which the register does not hold: the first
import adds each as an organisation of its own, under its proper name.

The manifests name some bodies with a part of them in brackets. The rule:

- an executive agency in brackets leads the record, and its department is a partner:
  "Department for Education (Teaching Regulation Agency)" is led by the Teaching Regulation
  Agency with the Department for Education; "Ministry of Justice (HMPPS)" by HM Prison and
  Probation Service with the Ministry of Justice
- a former body merged into another is the body it joined: NHS Digital is part of NHS England
- a team or service in brackets is its department: "(Planning Data)" is MHCLG's
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.cases.models import Sector
from hub.organisations.models import COUNCIL_KINDS, Organisation, OrganisationKind


@dataclass(frozen=True)
class Body:
    slug: str
    name: str
    kind: str


CENTRAL = OrganisationKind.CENTRAL_GOVERNMENT
DEPARTMENT_FOR_EDUCATION = Body("department-for-education", "Department for Education", CENTRAL)
TEACHING_REGULATION_AGENCY = Body(
    "teaching-regulation-agency", "Teaching Regulation Agency", CENTRAL
)
NHS_ENGLAND = Body("nhs-england", "NHS England", OrganisationKind.NHS_BODY)
NHS_BUSINESS_SERVICES_AUTHORITY = Body(
    "nhs-business-services-authority", "NHS Business Services Authority", OrganisationKind.NHS_BODY
)
CROWN_PROSECUTION_SERVICE = Body("crown-prosecution-service", "Crown Prosecution Service", CENTRAL)
MINISTRY_OF_JUSTICE = Body("ministry-of-justice", "Ministry of Justice", CENTRAL)
HM_PRISON_AND_PROBATION_SERVICE = Body(
    "hm-prison-and-probation-service", "HM Prison and Probation Service", CENTRAL
)
MHCLG = Body(
    "ministry-of-housing-communities-and-local-government",
    "Ministry of Housing, Communities and Local Government",
    CENTRAL,
)
GOVERNMENT_DIGITAL_SERVICE = Body(
    "government-digital-service", "Government Digital Service", CENTRAL
)

# The manifests' `organisation` values: the body that leads the record, then its partners.
MANIFEST_ORGANISATIONS: dict[str, tuple[Body, tuple[Body, ...]]] = {
    "Department for Education": (DEPARTMENT_FOR_EDUCATION, ()),
    "Department for Education (Teaching Regulation Agency)": (
        TEACHING_REGULATION_AGENCY,
        (DEPARTMENT_FOR_EDUCATION,),
    ),
    "NHS England": (NHS_ENGLAND, ()),
    "NHS England (NHS Digital)": (NHS_ENGLAND, ()),
    "NHS Business Services Authority": (NHS_BUSINESS_SERVICES_AUTHORITY, ()),
    "Crown Prosecution Service": (CROWN_PROSECUTION_SERVICE, ()),
    "Ministry of Justice": (MINISTRY_OF_JUSTICE, ()),
    "Ministry of Justice (HMPPS)": (HM_PRISON_AND_PROBATION_SERVICE, (MINISTRY_OF_JUSTICE,)),
    "Ministry of Housing, Communities and Local Government": (MHCLG, ()),
    "Ministry of Housing, Communities and Local Government (Planning Data)": (MHCLG, ()),
    "Government Digital Service": (GOVERNMENT_DIGITAL_SERVICE, ()),
}

SECTORS = {
    OrganisationKind.NHS_BODY: Sector.HEALTH,
    OrganisationKind.POLICE: Sector.POLICE,
    OrganisationKind.FIRE_AND_RESCUE: Sector.FIRE,
    OrganisationKind.VOLUNTARY: Sector.VOLUNTARY,
    OrganisationKind.PRIVATE: Sector.PRIVATE,
    **dict.fromkeys(COUNCIL_KINDS, Sector.LOCAL_GOVERNMENT),
}


def _by_name(name: str) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name).order_by("pk").first()


def bodies_for(name: str) -> tuple[Body, tuple[Body, ...]]:
    """The bodies behind a manifest's `organisation` value: a known central or NHS body, or
    an organisation already in the Hub by its exact name. Raises LookupError otherwise."""
    if name in MANIFEST_ORGANISATIONS:
        return MANIFEST_ORGANISATIONS[name]
    organisation = _by_name(name)
    if organisation is None:
        raise LookupError(
            f"{name!r} is neither an organisation in the Hub nor a central or NHS body "
            "the importer knows"
        )
    return Body(organisation.slug, organisation.name, organisation.kind), ()


def sector_for(body: Body) -> str:
    return SECTORS.get(body.kind, Sector.CENTRAL_GOVERNMENT)


class OrganisationResolver:
    """Finds each body's organisation by name, else by slug, else adds it; never changes one
    that is there. Names of the organisations it adds go into `created`."""

    def __init__(self, created: list[str]):
        self.created = created
        self.cache: dict[Body, Organisation] = {}

    def resolve(self, body: Body) -> Organisation:
        if body not in self.cache:
            organisation = (
                Organisation.objects.filter(name__iexact=body.name).order_by("pk").first()
            )
            if organisation is None:
                organisation, created = Organisation.objects.get_or_create(
                    slug=body.slug,
                    defaults={"name": body.name, "short_name": body.name, "kind": body.kind},
                )
                if created:
                    self.created.append(body.name)
            self.cache[body] = organisation
        return self.cache[body]
