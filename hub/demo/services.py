"""The demo seed: content written for this project so that `make run` shows a working Hub.

Councils are an extract of the real register (facts); everyone named is fictional, with
addresses at example.org; every record is marked `is_demo`. Running it twice changes nothing.
"""

import datetime as dt
from base64 import b32encode
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import User
from hub.accounts.roles import STAFF_ROLES, Role
from hub.cases.models import (
    Adoption,
    Benefit,
    EvidenceStatus,
    Licence,
    Resource,
    Status,
    Supplier,
    Technology,
    Transition,
)
from hub.cases.search import SEARCH_KIND
from hub.demo.academies import seed_academies
from hub.demo.assessment import seed_assessment
from hub.demo.cases import DEMO_CASES
from hub.demo.champions import seed_champions
from hub.demo.events import seed_events
from hub.demo.market import seed_market
from hub.demo.peer_challenge import seed_peer_challenges
from hub.demo.privacy import seed_privacy
from hub.organisations.importers.register import read_register, register_import
from hub.organisations.models import (
    Organisation,
    OrganisationKind,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    Region,
    RoleType,
    Seniority,
)
from hub.search.services import search_rebuild
from hub.taxonomy.importers.lgsl import lgsl_import, read_lgsl
from hub.taxonomy.models import ServiceArea, Theme

DEMO_COUNCILS_CSV = Path(__file__).parent / "data" / "councils.csv"
DEMO_LGSL_DIR = Path(__file__).parent / "data" / "lgsl"
# Shared by every demo account; shown by `make run`. The seed refuses to run in production.
DEMO_PASSWORD = "demo-hub-password-2026"  # noqa: S105
# The demo staff's authenticator (two-factor authentication, required of staff when
# HUB_STAFF_TWO_FACTOR is on): the 20 bytes b"demo-hub-totp-secret", which an authenticator app
# takes as the key MRSW 23ZN NB2W ELLU N52H ALLT MVRX EZLU. Public, like the password: demo only.
DEMO_TOTP_KEY = b"demo-hub-totp-secret".hex()
DEMO_TOTP_SECRET = b32encode(b"demo-hub-totp-secret").decode()  # what an app is given


class DemoSeedRefused(Exception):
    pass


@dataclass
class SeedSummary:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)

    def __str__(self) -> str:
        parts = [f"{count} {kind}" for kind, count in self.created.items() if count]
        return (
            "Demo seed created "
            + (", ".join(parts) if parts else "nothing: it was already there")
            + "."
        )


# Real public bodies, named as they name themselves, for the demo places.
PARTNER_BODIES = [
    (
        "greater-manchester-police",
        "Greater Manchester Police",
        OrganisationKind.POLICE,
        Region.NORTH_WEST,
    ),
    (
        "greater-manchester-fire-and-rescue-service",
        "Greater Manchester Fire and Rescue Service",
        OrganisationKind.FIRE_AND_RESCUE,
        Region.NORTH_WEST,
    ),
    (
        "nhs-greater-manchester-icb",
        "NHS Greater Manchester Integrated Care Board",
        OrganisationKind.NHS_BODY,
        Region.NORTH_WEST,
    ),
    ("kent-police", "Kent Police", OrganisationKind.POLICE, Region.SOUTH_EAST),
    (
        "kent-fire-and-rescue-service",
        "Kent Fire and Rescue Service",
        OrganisationKind.FIRE_AND_RESCUE,
        Region.SOUTH_EAST,
    ),
    (
        "nhs-kent-and-medway-icb",
        "NHS Kent and Medway Integrated Care Board",
        OrganisationKind.NHS_BODY,
        Region.SOUTH_EAST,
    ),
    (
        "department-for-work-and-pensions",
        "Department for Work and Pensions",
        OrganisationKind.CENTRAL_GOVERNMENT,
        "",
    ),
]

PLACES = [
    {
        "slug": "greater-manchester",
        "name": "Greater Manchester",
        "region": Region.NORTH_WEST,
        "description": "Greater Manchester's councils and combined authority, with police, fire "
        "and rescue and NHS partners, joining up digital work on health and social care.",
        "partners": [
            ("GMCA", PartnerKind.COUNCIL),
            ("MAN", PartnerKind.COUNCIL),
            ("SLF", PartnerKind.COUNCIL),
            ("SKP", PartnerKind.COUNCIL),
            ("TRF", PartnerKind.COUNCIL),
            ("greater-manchester-police", PartnerKind.POLICE),
            ("greater-manchester-fire-and-rescue-service", PartnerKind.FIRE_AND_RESCUE),
            ("nhs-greater-manchester-icb", PartnerKind.HEALTH),
            ("department-for-work-and-pensions", PartnerKind.CENTRAL_GOVERNMENT),
        ],
    },
    {
        "slug": "kent-and-medway",
        "name": "Kent and Medway",
        "region": Region.SOUTH_EAST,
        "description": "Kent County Council with district councils, Kent Police, Kent Fire and "
        "Rescue Service and the NHS in Kent and Medway.",
        "partners": [
            ("KEN", PartnerKind.COUNCIL),
            ("MAI", PartnerKind.COUNCIL),
            ("CAT", PartnerKind.COUNCIL),
            ("kent-police", PartnerKind.POLICE),
            ("kent-fire-and-rescue-service", PartnerKind.FIRE_AND_RESCUE),
            ("nhs-kent-and-medway-icb", PartnerKind.HEALTH),
        ],
    },
]

# Fictional people: the surnames say so.
DEMO_ACCOUNTS = [
    (
        "admin@example.org",
        "Alex Example",
        [Role.PROGRAMME_ADMIN],
        "MAN",
        RoleType.OFFICER,
        Seniority.DIRECTOR,
        "Programme director (demo)",
    ),
    (
        "editor@example.org",
        "Esme Example",
        [Role.EDITOR],
        "LDS",
        RoleType.OFFICER,
        Seniority.MANAGER,
        "Good practice editor (demo)",
    ),
    (
        "facilitator@example.org",
        "Femi Example",
        [Role.FACILITATOR],
        "BIR",
        RoleType.OFFICER,
        Seniority.MANAGER,
        "Round table facilitator (demo)",
    ),
    (
        "champion@example.org",
        "Charlie Example",
        [Role.CHAMPION],
        "KEN",
        RoleType.OFFICER,
        Seniority.CHIEF_EXECUTIVE,
        "Chief executive (demo)",
    ),
    (
        "councillor@example.org",
        "Morgan Example",
        [],
        "CAB",
        RoleType.COUNCILLOR,
        Seniority.LEADER,
        "Leader of the council (demo)",
    ),
    (
        "officer@example.org",
        "Robin Example",
        [],
        "PLY",
        RoleType.OFFICER,
        Seniority.HEAD_OF_SERVICE,
        "Head of digital (demo)",
    ),
]


def _organisation(key: str) -> Organisation:
    return (
        Organisation.objects.get(register_code=key)
        if key.isupper()
        else Organisation.objects.get(slug=key)
    )


def _seed_councils(summary: SeedSummary) -> None:
    if Organisation.objects.exclude(register_code=None).exists():
        return  # The register (real or demo extract) is already there; never overwrite it.
    result = register_import(rows=read_register(DEMO_COUNCILS_CSV), mark_demo=True)
    summary.created["councils"] = result.created


def _seed_service_areas(summary: SeedSummary) -> None:
    if ServiceArea.objects.exists():
        return  # The LGSL (real or demo extract) is already there.
    result = lgsl_import(data=read_lgsl(DEMO_LGSL_DIR), mark_demo=True)
    summary.created["LGSL functions and services"] = result.created


def _seed_partner_bodies(summary: SeedSummary) -> None:
    for slug, name, kind, region in PARTNER_BODIES:
        _, created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": name,
                "kind": kind,
                "region": region,
                "nation": "England",
                "is_demo": True,
            },
        )
        summary.add("partner bodies", created)


def _seed_places(summary: SeedSummary) -> None:
    for spec in PLACES:
        place, created = Place.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "region": spec["region"],
                "description": spec["description"],
                "is_demo": True,
            },
        )
        summary.add("places", created)
        for key, partner_kind in spec["partners"]:
            PlacePartner.objects.get_or_create(
                place=place,
                organisation=_organisation(key),
                defaults={"partner_kind": partner_kind},
            )


def _seed_accounts(summary: SeedSummary) -> None:
    groups = {group.name: group for group in Group.objects.all()}
    for email, name, roles, org_key, role_type, seniority, job_title in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = Role.PROGRAMME_ADMIN in roles
            user.is_superuser = Role.PROGRAMME_ADMIN in roles
            user.save()
            user.groups.set([groups[role.value] for role in [Role.MEMBER, *roles]])
        summary.add("accounts", created)
        if set(roles) & set(STAFF_ROLES):
            _, created = TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )
            summary.add("staff authenticators", created)
        Person.objects.get_or_create(
            user=user,
            defaults={
                "full_name": name,
                "organisation": _organisation(org_key),
                "job_title": job_title,
                "role_type": role_type,
                "seniority": seniority,
                "is_demo": True,
            },
        )


def _seed_cases(summary: SeedSummary) -> None:
    editor = User.objects.get(email="editor@example.org")
    contributor = User.objects.get(email="officer@example.org")
    for spec in DEMO_CASES:
        if Resource.objects.filter(source_key=f"demo:{spec['key']}").exists():
            summary.add("good practice records", False)
            continue
        _create_case(spec, editor=editor, contributor=contributor)
        summary.add("good practice records", True)
    if summary.created.get("good practice records"):
        search_rebuild(kinds=[SEARCH_KIND])


def _create_case(spec: dict, *, editor, contributor) -> None:
    published_at = timezone.make_aware(dt.datetime.combine(spec["start"], dt.time(9)))
    resource = Resource.objects.create(
        source_key=f"demo:{spec['key']}",
        slug=spec["key"],
        kind=spec["kind"],
        title=spec["title"],
        summary=spec["summary"],
        problem=spec.get("problem", ""),
        approach=spec.get("approach", ""),
        technology_notes=spec.get("technology_notes", ""),
        cost_notes=spec.get("cost_notes", ""),
        lessons=spec.get("lessons", ""),
        do_differently=spec.get("do_differently", ""),
        body=spec.get("body", ""),
        lead_organisation=_organisation(spec["lead"]),
        place=Place.objects.filter(slug=spec.get("place", "")).first(),
        sector=spec["sector"],
        stage=spec["stage"],
        start_date=spec["start"],
        end_date=spec["end"],
        investment_pounds=spec["investment"],
        evidence_level=spec["evidence"],
        status=Status.PUBLISHED,
        licence=Licence.OGL_3,
        published_at=published_at,
        contributor=contributor,
        is_demo=True,
    )
    resource.contacts.set([contributor])
    resource.partner_organisations.set([_organisation(key) for key in spec["partners"]])
    resource.service_areas.set(ServiceArea.objects.filter(lgsl_code__in=spec["lgsl"]))
    resource.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
    resource.technologies.set(
        [Technology.objects.get_or_create(name=n)[0] for n in spec["technologies"]]
    )
    resource.suppliers.set([Supplier.objects.get_or_create(name=n)[0] for n in spec["suppliers"]])
    Transition.objects.create(
        resource=resource, from_status=Status.SUBMITTED, to_status=Status.PUBLISHED, by=editor
    )
    for kind, description, amount, unit, period, baseline, evidence in spec["benefits"]:
        Benefit.objects.create(
            resource=resource,
            kind=kind,
            description=description,
            amount=Decimal(amount) if amount is not None else None,
            unit=unit,
            period=period,
            baseline=baseline,
            evidence_status=evidence,
            verified_by=editor if evidence == EvidenceStatus.VERIFIED else None,
            verified_at=published_at if evidence == EvidenceStatus.VERIFIED else None,
            disputed_reason="The trial data was too small to support the claim."
            if evidence == EvidenceStatus.DISPUTED
            else "",
        )
    for key, cost, months in spec["adopters"]:
        Adoption.objects.create(
            resource=resource,
            organisation=_organisation(key),
            cost_pounds=cost,
            months_to_live=months,
            recorded_by=editor,
        )


@transaction.atomic
def demo_seed() -> SeedSummary:
    if settings.HUB_ENVIRONMENT == "production":
        raise DemoSeedRefused("The demo seed never runs with production settings.")
    summary = SeedSummary()
    _seed_councils(summary)
    _seed_service_areas(summary)
    _seed_partner_bodies(summary)
    _seed_places(summary)
    _seed_accounts(summary)
    _seed_cases(summary)
    seed_events(summary)
    seed_champions(summary)
    seed_academies(summary)
    seed_assessment(summary)
    seed_peer_challenges(summary)
    seed_market(summary)
    seed_privacy(summary)
    return summary
