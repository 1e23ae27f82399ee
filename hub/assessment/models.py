"""The digital leadership self-assessment: a versioned framework of capabilities and questions
(each with a descriptor for every level), assessments by a council's leadership team (each
member answers alone), joint assessments by the partners of a place, support plans drawn from
the programme, and each place's space for its partners.

An assessment keeps the framework version it started on; capabilities share a `code` across
versions (the six codes of the academies' learning outcomes), so results compare over time and
between councils that answered different versions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Organisation, Person, Place

# Answers run from 1 to this; a capability's score is its mean answer on 0-100.
SCALE_TOP = 5


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class Framework(TimeStampedModel):
    """One version of the self-assessment. Only one is published at a time; new assessments
    start on it. A published version is never edited: staff copy it into a new draft."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(
        max_length=20, choices=FrameworkStatus, default=FrameworkStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    change_note = models.TextField(blank=True, help_text="What changed from the last version.")

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class Capability(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="capabilities"
    )
    # The same in every version, and the code of the matching academies learning outcome.
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="one_capability_code_a_framework"
            )
        ]
        verbose_name_plural = "capabilities"

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    capability = models.ForeignKey(
        Capability, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(max_length=400)
    help_text = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["capability", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Level(models.Model):
    """One point of a question's scale, with what it looks like in a council."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(SCALE_TOP)]
    )
    label = models.CharField(max_length=60)
    descriptor = models.TextField()

    class Meta:
        ordering = ["question", "score"]
        constraints = [
            models.UniqueConstraint(fields=["question", "score"], name="one_level_a_score")
        ]

    def __str__(self) -> str:
        return f"{self.score}: {self.label}"


class PlaceAssessment(DemoMarkedModel, TimeStampedModel):
    """A place running the assessment jointly: each partner body answers as its own team,
    and the place sees them side by side."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:place-assessment", args=[self.place.slug, self.pk])


class AssessmentStatus(models.TextChoices):
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"


class Assessment(DemoMarkedModel, TimeStampedModel):
    """One leadership team's assessment of one organisation, on one framework version."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    place_assessment = models.ForeignKey(
        PlaceAssessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=AssessmentStatus, default=AssessmentStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "closed_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.OPEN


class TeamRole(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Officer"


class TeamMember(TimeStampedModel):
    """Someone on the leadership team taking part: they answer on their own. The lead runs the
    assessment (adds people, closes it, decides on the support plan)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_memberships"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    team_role = models.CharField(max_length=20, choices=TeamRole)
    is_lead = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="one_membership_a_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment}"

    @property
    def has_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(TimeStampedModel):
    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(SCALE_TOP)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "question"], name="one_answer_a_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"


class SupportPlan(TimeStampedModel):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="support_plan"
    )
    generated_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Support plan of {self.assessment}"


class RecommendationKind(models.TextChoices):
    ROUND_TABLE = "round_table", "Chief executive round table"
    ACADEMY_MODULE = "academy_module", "Academy module"
    MENTORING = "mentoring", "Mentoring by a digital champion"
    PEER_CHALLENGE = "peer_challenge", "Corporate peer challenge"
    CASE = "case", "Good practice"


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    SCHEDULED = "scheduled", "Scheduled"
    REJECTED = "rejected", "Rejected"
    DONE = "done", "Done"


class Recommendation(TimeStampedModel):
    """A programme element the Hub recommends for a weak capability, with its reason. It
    points at what it recommends through at most one of the target fields (by kind)."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=RecommendationKind)
    capability_code = models.SlugField(max_length=60)
    capability_title = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    reason = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    # Cross-app targets are kept by id and label, so this app needs no foreign key into apps
    # it only reads from (events, academies, champions, cases); `url` links to the target.
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=RecommendationStatus, default=RecommendationStatus.PROPOSED
    )
    scheduled_for = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class PlaceLead(TimeStampedModel):
    """A partner body's lead for the place's joint work."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="leads")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="place_leads")

    class Meta:
        ordering = ["place", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "organisation", "person"], name="one_lead_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.organisation} in {self.place}"


class BoardEntryKind(models.TextChoices):
    NOTE = "note", "Note"
    DECISION = "decision", "Decision"


class BoardEntry(TimeStampedModel):
    """A note or decision on a place's members-only board."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="board_entries")
    kind = models.CharField(max_length=20, choices=BoardEntryKind, default=BoardEntryKind.NOTE)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "board entries"

    def __str__(self) -> str:
        return self.title
