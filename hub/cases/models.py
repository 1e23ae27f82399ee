"""The good practice database: resources (case studies, reports, toolkits, guidance), their
benefits with evidence status, adoptions by other organisations, attachments, and the
moderation trail."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Organisation, Place
from hub.taxonomy.models import EvidenceLevel, ServiceArea, Theme

SUMMARY_WORD_LIMIT = 120


class ResourceKind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    REPORT = "report", "Report"
    TOOLKIT = "toolkit", "Toolkit"
    GUIDANCE = "guidance", "Guidance"


class Sector(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", "Local government"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PRIVATE = "private", "Private sector"
    INTERNATIONAL = "international", "International"


class Stage(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"
    STOPPED = "stopped", "Stopped"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Licence(models.TextChoices):
    OGL_3 = "ogl-3", "Open Government Licence v3.0"
    CC_BY_4 = "cc-by-4", "Creative Commons Attribution 4.0"
    # Only imported content carries these: contributors choose OGL v3 or CC BY 4.0.
    OGL_2 = "ogl-2", "Open Government Licence v2.0"
    MIT = "mit", "MIT Licence (Crown copyright)"


CONTRIBUTOR_LICENCES = (Licence.OGL_3, Licence.CC_BY_4)
LICENCE_URLS = {
    Licence.OGL_3: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.OGL_2: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
    Licence.MIT: "https://opensource.org/license/mit",
}


class Technology(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "technologies"

    def __str__(self) -> str:
        return self.name


class Supplier(models.Model):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(DemoMarkedModel, TimeStampedModel):
    kind = models.CharField(max_length=20, choices=ResourceKind, default=ResourceKind.CASE_STUDY)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(help_text=f"Plain English, at most {SUMMARY_WORD_LIMIT} words.")
    # The sections of a case study; reports and imported content use `body`.
    problem = models.TextField("The problem", blank=True)
    approach = models.TextField("What was done", blank=True)
    technology_notes = models.TextField("Technology and suppliers", blank=True)
    cost_notes = models.TextField("Cost", blank=True)
    benefits_notes = models.TextField("Benefits", blank=True)
    lessons = models.TextField("Lessons", blank=True)
    do_differently = models.TextField("What we would do differently", blank=True)
    body = models.TextField(blank=True)

    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="led_resources"
    )
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="partnered_resources"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )
    # Blank until the contributor chooses: a default would look like their answer.
    sector = models.CharField(max_length=30, choices=Sector, blank=True)
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="resources")
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources")
    technologies = models.ManyToManyField(Technology, blank=True, related_name="resources")
    suppliers = models.ManyToManyField(Supplier, blank=True, related_name="resources")
    stage = models.CharField(max_length=20, choices=Stage, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    investment_pounds = models.PositiveBigIntegerField(
        "Investment (£)", null=True, blank=True, validators=[MinValueValidator(0)]
    )
    evidence_level = models.PositiveSmallIntegerField(choices=EvidenceLevel, null=True, blank=True)
    licence = models.CharField(max_length=20, choices=Licence, blank=True)

    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributed_resources",
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for_resources",
        help_text="People behind the work whom members can ask through the Hub.",
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # Where imported content came from, so a re-import updates rather than duplicates.
    source_key = models.CharField(max_length=300, unique=True, null=True, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    source_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="resource_status_published")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def year(self) -> int | None:
        date = (
            self.start_date or self.source_date or (self.published_at and self.published_at.date())
        )
        return date.year if date else None


class BenefitKind(models.TextChoices):
    CASHABLE_SAVING = "cashable_saving", "Cashable saving"
    COST_AVOIDANCE = "cost_avoidance", "Cost avoidance"
    STAFF_TIME = "staff_time", "Staff time saved"
    CHANNEL_SHIFT = "channel_shift", "Channel shift"
    USER_SATISFACTION = "user_satisfaction", "User satisfaction"
    OTHER = "other", "Other outcome"


class BenefitUnit(models.TextChoices):
    POUNDS = "pounds", "£"
    HOURS = "hours", "hours"
    PERCENT = "percent", "%"
    TRANSACTIONS = "transactions", "transactions"
    PEOPLE = "people", "people"
    OTHER = "other", "other"


class BenefitPeriod(models.TextChoices):
    ONE_OFF = "one_off", "one-off"
    PER_YEAR = "per_year", "a year"
    PER_MONTH = "per_month", "a month"


class EvidenceStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"


MONEY_BENEFITS = (BenefitKind.CASHABLE_SAVING, BenefitKind.COST_AVOIDANCE)


class Benefit(TimeStampedModel):
    """One benefit, with its own evidence status: claimed, verified and disputed never mix."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField(max_length=30, choices=BenefitKind)
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=20, choices=BenefitUnit, default=BenefitUnit.POUNDS)
    period = models.CharField(max_length=20, choices=BenefitPeriod, default=BenefitPeriod.PER_YEAR)
    baseline = models.CharField(max_length=300, blank=True)
    evidence_status = models.CharField(
        max_length=20, choices=EvidenceStatus, default=EvidenceStatus.CLAIMED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    disputed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.description


class Adoption(TimeStampedModel):
    """Another organisation records that it reused this work."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="adoptions"
    )
    cost_pounds = models.PositiveBigIntegerField("Cost to reuse (£)", null=True, blank=True)
    months_to_live = models.PositiveSmallIntegerField("Months to go live", null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "organisation"], name="unique_adoption")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} reused {self.resource}"


class Attachment(TimeStampedModel):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="cases/attachments/%Y/%m/")
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Transition(models.Model):
    """Every moderation step: who moved the record, when, from what to what, and why."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status)
    to_status = models.CharField(max_length=20, choices=Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.resource}: {self.from_status} to {self.to_status}"


class Question(TimeStampedModel):
    """A member's question to the people behind a case, sent through the Hub."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions_asked"
    )
    text = models.TextField()

    def __str__(self) -> str:
        return f"Question on {self.resource}"


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class SavedSearch(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    query_string = models.CharField(max_length=1000, blank=True)
    frequency = models.CharField(
        max_length=10, choices=AlertFrequency, default=AlertFrequency.WEEKLY
    )
    last_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name
