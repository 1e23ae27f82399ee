"""The digital champions' network: profiles of leaders who have overseen digital programmes,
their nomination and approval, mentoring relationships with meetings and feedback, and
dismissed match suggestions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from hub.cases.models import Resource, Supplier, Technology
from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Person
from hub.taxonomy.models import ServiceArea, Theme


class ProfileStatus(models.TextChoices):
    NOMINATED = "nominated", "Nominated"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not approved"
    PAUSED = "paused", "Paused"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every 3 months"


class ChampionProfile(DemoMarkedModel, TimeStampedModel):
    """A champion: a person from the register who led digital in their organisation."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="champion")
    slug = models.SlugField(max_length=220, unique=True)
    status = models.CharField(max_length=20, choices=ProfileStatus, default=ProfileStatus.NOMINATED)
    role_summary = models.CharField(
        max_length=300, help_text="Their role in a line, e.g. chief executive who led..."
    )
    experience = models.TextField(
        help_text="The digital programmes they led and what they learned. Markdown."
    )
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="champions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="champions")
    cases_led = models.ManyToManyField(Resource, blank=True, related_name="champions")
    technologies = models.ManyToManyField(Technology, blank=True, related_name="champions")
    suppliers = models.ManyToManyField(Supplier, blank=True, related_name="champions")
    mentee_capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(20)], help_text="Mentees at once."
    )
    meeting_frequency = models.CharField(
        max_length=20, choices=Frequency, default=Frequency.MONTHLY
    )
    available = models.BooleanField(default=True, help_text="Taking new mentees now.")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nomination_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["person__full_name"]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("champions:detail", args=[self.slug])

    @property
    def is_approved(self) -> bool:
        return self.status == ProfileStatus.APPROVED


class MentoringStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Under way"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed"


# Counted against a champion's capacity.
ACTIVE_MENTORING = (MentoringStatus.REQUESTED, MentoringStatus.ACCEPTED)


class Mentoring(TimeStampedModel):
    """A mentee's request to a champion, and the relationship if accepted."""

    champion = models.ForeignKey(
        ChampionProfile, on_delete=models.CASCADE, related_name="mentorings"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorings"
    )
    problem = models.TextField(help_text="What the mentee wants help with.")
    status = models.CharField(
        max_length=20, choices=MentoringStatus, default=MentoringStatus.REQUESTED
    )
    length_months = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    meeting_frequency = models.CharField(
        max_length=20, choices=Frequency, default=Frequency.MONTHLY
    )
    decline_reason = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    mentee_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mentee_feedback = models.TextField(blank=True)
    champion_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    champion_feedback = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["champion", "mentee"],
                condition=models.Q(status__in=["requested", "accepted"]),
                name="one_open_mentoring_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} mentored by {self.champion}"

    def get_absolute_url(self) -> str:
        return reverse("champions:mentoring", args=[self.pk])


class Meeting(TimeStampedModel):
    """One meeting of a mentoring relationship: seen only by the two people in it."""

    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    notes = models.TextField(blank=True, help_text="What was discussed and agreed.")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Meeting on {self.held_on}"


class DismissedSuggestion(models.Model):
    """A champion a user does not want suggested again. The champion is never told."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissed_champions"
    )
    champion = models.ForeignKey(ChampionProfile, on_delete=models.CASCADE, related_name="+")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "champion"], name="one_dismissal_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.user} dismissed {self.champion}"
