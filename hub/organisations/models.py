"""The spine of the Hub: organisations from the register, places, and people."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from hub.core.models import DemoMarkedModel, TimeStampedModel

GSS_CODE_PATTERN = r"^[ENSWK]\d{8}$"
gss_code_validator = RegexValidator(
    GSS_CODE_PATTERN, "A GSS code is a letter (E, N, S, W or K) and 8 digits, like E06000023"
)


class OrganisationKind(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"
    CITY_CORPORATION = "city_corporation", "City corporation"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    STRATEGIC_AUTHORITY = "strategic_authority", "Strategic regional authority"
    POLICE = "police", "Police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
    NHS_BODY = "nhs_body", "NHS body"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PRIVATE = "private", "Private sector"
    OTHER = "other", "Other"


COUNCIL_KINDS = (
    OrganisationKind.COUNTY,
    OrganisationKind.DISTRICT,
    OrganisationKind.UNITARY,
    OrganisationKind.METROPOLITAN_DISTRICT,
    OrganisationKind.LONDON_BOROUGH,
    OrganisationKind.CITY_CORPORATION,
    OrganisationKind.COMBINED_AUTHORITY,
    OrganisationKind.STRATEGIC_AUTHORITY,
)


class Nation(models.TextChoices):
    ENGLAND = "England"
    SCOTLAND = "Scotland"
    WALES = "Wales"
    NORTHERN_IRELAND = "Northern Ireland"


class Region(models.TextChoices):
    """The nine English regions, and the other nations as regions of their own."""

    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE_AND_THE_HUMBER = "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST_OF_ENGLAND = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"
    SCOTLAND = "Scotland"
    WALES = "Wales"
    NORTHERN_IRELAND = "Northern Ireland"


class Organisation(DemoMarkedModel, TimeStampedModel):
    name = models.CharField(max_length=200, help_text="Official name, e.g. Bristol City Council.")
    short_name = models.CharField(max_length=200, blank=True, help_text="Everyday name: Bristol.")
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=OrganisationKind)
    register_code = models.CharField(
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text="The stable code in mySociety's register of UK local authorities.",
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[gss_code_validator],
    )
    nation = models.CharField(max_length=20, choices=Nation, blank=True)
    region = models.CharField(max_length=40, choices=Region, blank=True)
    is_current = models.BooleanField(default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The county council of a district.",
    )
    combined_authority = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="constituent_members",
        limit_choices_to={"kind": OrganisationKind.COMBINED_AUTHORITY},
    )
    replaced_by = models.CharField(
        max_length=200, blank=True, help_text="Register codes of the councils that replaced it."
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    homepage_url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "region"], name="organisation_kind_region"),
            models.Index(fields=["is_current", "nation"], name="organisation_current_nation"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS


class PartnerKind(models.TextChoices):
    COUNCIL = "council", "Council"
    POLICE = "police", "Police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
    HEALTH = "health", "Health"
    CENTRAL_GOVERNMENT = "central_government", "Central government agency"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class Place(DemoMarkedModel, TimeStampedModel):
    """A named area whose public bodies work together, e.g. for a place-based Digital Academy."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    region = models.CharField(max_length=40, choices=Region, blank=True)
    partners = models.ManyToManyField(Organisation, through="PlacePartner", related_name="places")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:place-detail", kwargs={"slug": self.slug})


class PlacePartner(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="place_memberships"
    )
    partner_kind = models.CharField(max_length=30, choices=PartnerKind)

    class Meta:
        ordering = ["partner_kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "organisation"], name="unique_place_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.place}"


class RoleType(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Officer"


class Seniority(models.TextChoices):
    LEADER = "leader", "Leader or elected mayor"
    CABINET_MEMBER = "cabinet_member", "Cabinet member or committee chair"
    COUNCILLOR = "councillor", "Councillor"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    DIRECTOR = "director", "Corporate or strategic director"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    MANAGER = "manager", "Manager"
    OTHER = "other", "Other"


class Person(DemoMarkedModel, TimeStampedModel):
    """Someone the programme works with, with or without an account."""

    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    role_type = models.CharField(max_length=20, choices=RoleType)
    seniority = models.CharField(max_length=30, choices=Seniority, default=Seniority.OTHER)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name
