"""The supplier market from open contracting data: imports of OCDS releases and Digital
Marketplace opportunities, contracts (one per OCDS ocid, compiled from its releases) with
their awards and suppliers, buyers matched to the register, a review queue for uncertain
matches, and councils' watches on expiring contracts and categories.

Procurement contacts' names, emails and phone numbers are published in OCDS; the Hub does not
keep them (the importer reads only what these models hold)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from hub.core.models import TimeStampedModel
from hub.organisations.models import Organisation


class Source(models.TextChoices):
    CONTRACTS_FINDER = "contracts_finder", "Contracts Finder"
    FIND_A_TENDER = "find_a_tender", "Find a Tender"
    PUBLIC_CONTRACTS_SCOTLAND = "public_contracts_scotland", "Public Contracts Scotland"
    SELL2WALES = "sell2wales", "Sell2Wales"
    DIGITAL_MARKETPLACE = "digital_marketplace", "Digital Marketplace"
    OTHER_OCDS = "other_ocds", "Other OCDS publisher"


class ImportStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ImportRun(TimeStampedModel):
    """One file or address imported: what it held, what was written, what was skipped and why."""

    source = models.CharField(max_length=30, choices=Source)
    location = models.CharField(max_length=500, help_text="File name or address.")
    status = models.CharField(max_length=20, choices=ImportStatus, default=ImportStatus.RUNNING)
    # {"releases": n, "contracts_created": n, "contracts_updated": n, "awards": n, ...}
    counts = models.JSONField(default=dict, blank=True)
    # [{"row": "ocid or line", "field": "...", "reason": "..."}]
    skipped = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.location}"


class Supplier(TimeStampedModel):
    """A supplier, de-duplicated by identifier and normalised name. A duplicate found later
    points at the one kept (`merged_into`), so contracts keep their history."""

    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True)
    # The OCDS party identifier as scheme-id (e.g. GB-COH-01234567); blank when none usable.
    identifier = models.CharField(max_length=120, blank=True, db_index=True)
    slug = models.SlugField(max_length=320, unique=True)
    is_sme = models.BooleanField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("market:supplier", args=[self.slug])


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "Matched"
    UNCERTAIN = "uncertain", "Waiting for review"
    UNMATCHED = "unmatched", "Not matched"


class Contract(TimeStampedModel):
    """One procurement (an OCDS ocid, or a Digital Marketplace opportunity), compiled from
    every release imported for it."""

    source = models.CharField(max_length=30, choices=Source)
    ocid = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    buyer_name = models.CharField(max_length=300, blank=True)
    buyer_identifier = models.CharField(max_length=120, blank=True)
    buyer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="market_contracts",
    )
    buyer_match = models.CharField(
        max_length=20, choices=MatchStatus, default=MatchStatus.UNMATCHED
    )
    # CPV codes of the tender's classification and items, main first.
    cpv_codes = models.JSONField(default=list, blank=True)
    category = models.CharField(
        max_length=40, blank=True, help_text="OCDS mainProcurementCategory or DOS lot."
    )
    status = models.CharField(max_length=40, blank=True)
    procurement_method = models.CharField(max_length=60, blank=True)
    framework = models.CharField(
        max_length=300, blank=True, help_text="The framework it was called off, if known."
    )
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    tender_start = models.DateField(null=True, blank=True)
    tender_end = models.DateField(null=True, blank=True)
    number_of_tenderers = models.PositiveIntegerField(null=True, blank=True)
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="contracts"
    )

    class Meta:
        ordering = ["-published_at", "pk"]
        indexes = [
            models.Index(fields=["buyer", "contract_end"]),
            models.Index(fields=["contract_end"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("market:contract", args=[self.pk])


class Award(TimeStampedModel):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="awards")
    award_id = models.CharField(max_length=200)
    status = models.CharField(max_length=40, blank=True)
    date = models.DateField(null=True, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    suppliers = models.ManyToManyField(Supplier, blank=True, related_name="awards")
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "award_id"], name="one_award_an_id")
        ]

    def __str__(self) -> str:
        return f"Award {self.award_id} of {self.contract}"


class ReviewKind(models.TextChoices):
    BUYER = "buyer", "Buyer to the register"
    SUPPLIER = "supplier", "Duplicate supplier"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class MatchReview(TimeStampedModel):
    """An uncertain match for a person to decide: a buyer name that may be a council of the
    register, or two suppliers that may be one."""

    kind = models.CharField(max_length=20, choices=ReviewKind)
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.PENDING)
    raw_name = models.CharField(max_length=300)
    score = models.FloatField(help_text="0 to 1: how alike the names are.")
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    candidate_supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-score", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.raw_name}"


class WatchKind(models.TextChoices):
    EXPIRING = "expiring", "The council's contracts that are ending"
    CATEGORY = "category", "A category (CPV code or words)"


class Watch(TimeStampedModel):
    """A council's watch: its contracts ending within a window, or new contracts in a
    category. Alerts go to the user who set it up."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_watches"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="market_watches"
    )
    kind = models.CharField(max_length=20, choices=WatchKind)
    cpv_prefix = models.CharField(max_length=8, blank=True)
    keywords = models.CharField(max_length=200, blank=True)
    months_ahead = models.PositiveSmallIntegerField(default=18)

    class Meta:
        ordering = ["organisation", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.organisation}"


class AlertSent(models.Model):
    """Each contract is alerted once a watch."""

    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="alerts")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["watch", "contract"], name="one_alert_a_contract")
        ]

    def __str__(self) -> str:
        return f"Alert of {self.contract} for {self.watch}"
