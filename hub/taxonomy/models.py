"""Shared vocabularies that records are coded with."""

from django.db import models

from hub.core.models import TimeStampedModel


class ServiceFunction(TimeStampedModel):
    """An LGSL function: a two-level grouping of council services (13 top-level functions)."""

    identifier = models.PositiveIntegerField(unique=True)
    label = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ServiceArea(TimeStampedModel):
    """A council service from the Local Government Service List (LGSL), by its code."""

    lgsl_code = models.PositiveIntegerField("LGSL code", unique=True)
    label = models.CharField(max_length=255)
    description = models.TextField(blank=True, help_text="The LGSL scope note.")
    history_notes = models.TextField(blank=True, help_text="Renames across LGSL versions.")
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ThemeKind(models.TextChoices):
    DECLARATION_PRINCIPLE = "declaration", "Local Digital Declaration principle"
    DIGITAL_THEME = "digital", "Digital theme"


class Theme(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=ThemeKind)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "name"]

    def __str__(self) -> str:
        return self.name


class EvidenceLevel(models.IntegerChoices):
    """Nesta Standards of Evidence, in words as well as numbers."""

    ACCOUNT_OF_IMPACT = 1, "Level 1: an account of impact"
    CORRELATION = 2, "Level 2: data shows a change (correlation)"
    CAUSATION = 3, "Level 3: evidence the work caused the change (causation)"
    INDEPENDENT_REPLICATION = 4, "Level 4: independently replicated"
    SCALED = 5, "Level 5: scaled with consistent results"
