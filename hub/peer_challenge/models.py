"""Digital in the corporate peer challenge: a versioned framework of the five core elements
with their digital lines of enquiry, challenges with their peer team and the council's leads,
evidence and findings per line of enquiry, signposts to proven practice and to champions,
the report, the cycle's deadlines, the action plan and the progress review.

Everything about a challenge is confidential to its peer team, the council's nominated leads
and programme staff until the council publishes the report (hub/peer_challenge/rules.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Organisation, Person
from hub.taxonomy.models import ServiceArea


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class EnquiryFramework(TimeStampedModel):
    """One version of the digital lines of enquiry. A challenge keeps the version it started
    with; a published version is never edited (staff copy it into a new draft)."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(max_length=20, choices=FrameworkStatus, default=FrameworkStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    change_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class CoreElement(models.Model):
    """One of the five core elements of the corporate peer challenge."""

    framework = models.ForeignKey(
        EnquiryFramework, on_delete=models.CASCADE, related_name="elements"
    )
    # The same in every version, so findings compare across versions.
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="one_element_a_framework")
        ]

    def __str__(self) -> str:
        return self.title


class LineOfEnquiry(models.Model):
    element = models.ForeignKey(CoreElement, on_delete=models.CASCADE, related_name="lines")
    code = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    prompts = models.TextField(help_text="Questions peers can ask, one a line. Markdown list.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["element", "order", "pk"]
        verbose_name_plural = "lines of enquiry"
        constraints = [
            models.UniqueConstraint(fields=["element", "code"], name="one_line_code_an_element")
        ]

    def __str__(self) -> str:
        return self.title


class ChallengeStatus(models.TextChoices):
    SCOPING = "scoping", "Scoping"
    ON_SITE = "on_site", "On site"
    REPORTING = "reporting", "Writing the report"
    PUBLISHED = "published", "Report published"
    CLOSED = "closed", "Closed"


class Challenge(DemoMarkedModel, TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="peer_challenges"
    )
    framework = models.ForeignKey(
        EnquiryFramework, on_delete=models.PROTECT, related_name="challenges"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    status = models.CharField(
        max_length=20, choices=ChallengeStatus, default=ChallengeStatus.SCOPING
    )
    on_site_starts_on = models.DateField()
    on_site_ends_on = models.DateField()
    scoping_meeting_on = models.DateField(null=True, blank=True)
    scoping_notes = models.TextField(blank=True, help_text="Markdown.")
    position_statement = models.TextField(blank=True, help_text="Markdown.")
    # The self-assessment the position statement started from, by id (assessment is read
    # through its selectors, never joined).
    position_from_assessment_id = models.PositiveBigIntegerField(null=True, blank=True)
    report_summary = models.TextField(blank=True, help_text="Markdown.")
    report_published_at = models.DateTimeField(null=True, blank=True)
    action_plan_published_at = models.DateTimeField(null=True, blank=True)
    progress_review_held_on = models.DateField(null=True, blank=True)
    progress_review_summary = models.TextField(blank=True, help_text="Markdown.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on_site_starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(on_site_ends_on__gte=models.F("on_site_starts_on")),
                name="challenge_ends_on_or_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("peer_challenge:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.report_published_at is not None


class PeerRole(models.TextChoices):
    LEAD_PEER = "lead_peer", "Lead peer"
    MEMBER_PEER = "member_peer", "Member peer (councillor)"
    OFFICER_PEER = "officer_peer", "Officer peer"
    CHALLENGE_MANAGER = "challenge_manager", "Challenge manager"


class PeerTeamMember(TimeStampedModel):
    """A peer from the register. A member of the reviewed council can never be on its team."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="peers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="peer_roles")
    role = models.CharField(max_length=30, choices=PeerRole)

    class Meta:
        ordering = ["challenge", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "person"], name="one_peer_place"),
            models.UniqueConstraint(
                fields=["challenge"],
                condition=models.Q(role="lead_peer"),
                name="one_lead_peer_a_challenge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}) on {self.challenge}"


class CouncilLead(TimeStampedModel):
    """Someone of the reviewed council nominated to see and answer the challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="council_leads")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["challenge", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "person"], name="one_council_lead_entry")
        ]

    def __str__(self) -> str:
        return f"{self.person}, lead for {self.challenge}"


class Evidence(TimeStampedModel):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="evidence")
    line = models.ForeignKey(LineOfEnquiry, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    source = models.CharField(
        max_length=300, blank=True, help_text="Interview, document or visit (no names needed)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["challenge", "line", "created_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.summary[:60]


class Judgement(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"


class Finding(TimeStampedModel):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="findings")
    line = models.ForeignKey(LineOfEnquiry, on_delete=models.PROTECT, related_name="findings")
    judgement = models.CharField(max_length=30, choices=Judgement)
    title = models.CharField(max_length=200)
    detail = models.TextField(help_text="What the peers found. Markdown.")
    recommendations = models.TextField(blank=True, help_text="Markdown list.")
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["challenge", "line", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class SignpostKind(models.TextChoices):
    CASE = "case", "Good practice"
    CHAMPION = "champion", "Digital champion"


class SignpostStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    KEPT = "kept", "Kept"
    DROPPED = "dropped", "Dropped"


class Signpost(TimeStampedModel):
    """Proven practice or a champion the Hub proposes for a finding. Targets in other apps are
    kept by id, title and address, so this app reads them only through their selectors."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="signposts")
    kind = models.CharField(max_length=20, choices=SignpostKind)
    target_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=SignpostStatus, default=SignpostStatus.PROPOSED
    )
    # Lower comes first; the search's rank until peers reorder.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["finding", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "kind", "target_id"], name="one_signpost_a_target"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Action(TimeStampedModel):
    """An action of the council's action plan, answering one finding or the report."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="actions")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200, blank=True, help_text="A role, not a name.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus, default=ActionStatus.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["challenge", "order", "pk"]

    def __str__(self) -> str:
        return self.description


class Deadline(models.TextChoices):
    REPORT = "report", "Report published"
    ACTION_PLAN = "action_plan", "Action plan published"
    PROGRESS_REVIEW = "progress_review", "Progress review held"


# Months after the on-site visit ends by which each falls due.
DEADLINE_MONTHS = {Deadline.REPORT: 3, Deadline.ACTION_PLAN: 5, Deadline.PROGRESS_REVIEW: 10}


class ReminderKind(models.TextChoices):
    SOON = "soon", "Due within a fortnight"
    OVERDUE = "overdue", "Overdue"


class DeadlineReminder(models.Model):
    """Each reminder goes once a deadline, however often the reminder command runs."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.CharField(max_length=20, choices=Deadline)
    kind = models.CharField(max_length=10, choices=ReminderKind)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "deadline", "kind"], name="one_deadline_reminder_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_deadline_display()} of {self.challenge}"
