"""The Member Leadership Academy and the place-based Digital Academy: learning outcomes,
modules, councillor briefings, cohorts with their sessions, enrolments backed by a sponsor,
attendance, 100-day plans with their 6- and 12-month updates, and the impact survey.

Academy sessions keep their own attendance rather than reuse events.Invitation: an enrolment
is a place on a whole cohort, approved once by a sponsor, and attendance has five states
(docs/adr/0018-academies.md says why)."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.cases.models import Resource
from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Organisation, PartnerKind, Person, Place, Region

# A sponsor's approval link works this long, and once.
SPONSOR_LINK_DAYS = 21
# A Commissioning Academy cohort is about 30 people.
DEFAULT_COHORT_CAPACITY = 30


def new_token() -> str:
    return secrets.token_urlsafe(32)


# No 0/O or 1/I/L: the code is read off a screen across a room.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_attendance_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


class AcademyKind(models.TextChoices):
    MEMBER = "member", "Member Leadership Academy"
    DIGITAL = "digital", "Digital Academy"


class LearningOutcome(models.Model):
    """What a leader should be able to do after an academy: the same six capabilities the
    programme builds everywhere. Loaded by migration 0002; programme staff edit them in admin."""

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Module(DemoMarkedModel, TimeStampedModel):
    academy = models.CharField(max_length=20, choices=AcademyKind)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="What the module covers, in a few lines.")
    content = models.TextField(blank=True, help_text="Markdown.")
    outcomes = models.ManyToManyField(LearningOutcome, related_name="modules")
    cases = models.ManyToManyField(Resource, blank=True, related_name="academy_modules")
    further_reading = models.TextField(
        blank=True, help_text="Links to reports, guidance and tools. Markdown."
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["academy", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academies:module", args=[self.slug])


class Briefing(DemoMarkedModel, TimeStampedModel):
    """A one-page councillor briefing on a topic: questions to ask your officers."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.CharField(max_length=200)
    summary = models.TextField(help_text="Why this matters to a councillor, in a few lines.")
    questions = models.TextField(help_text="Questions to ask your officers. Markdown list.")
    what_good_looks_like = models.TextField(blank=True, help_text="Markdown.")
    modules = models.ManyToManyField(Module, blank=True, related_name="briefings")
    cases = models.ManyToManyField(Resource, blank=True, related_name="briefings")
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academies:briefing", args=[self.slug])


class CohortStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    RECRUITING = "recruiting", "Taking applications"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


# Cohorts anyone may see listed; a draft is its facilitators' and programme staff's alone.
LISTED_COHORT_STATUSES = (CohortStatus.RECRUITING, CohortStatus.RUNNING, CohortStatus.FINISHED)


def default_required_sectors() -> list[str]:
    return [
        PartnerKind.COUNCIL,
        PartnerKind.POLICE,
        PartnerKind.FIRE_AND_RESCUE,
        PartnerKind.HEALTH,
    ]


class Cohort(DemoMarkedModel, TimeStampedModel):
    academy = models.CharField(max_length=20, choices=AcademyKind)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    status = models.CharField(max_length=20, choices=CohortStatus, default=CohortStatus.DRAFT)
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="academy_cohorts",
        help_text="Digital Academy cohorts belong to a place.",
    )
    region = models.CharField(max_length=40, choices=Region, blank=True)
    description = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(
        default=DEFAULT_COHORT_CAPACITY, validators=[MinValueValidator(1)]
    )
    # PartnerKind values a Digital Academy cohort should draw from; the mix check warns when
    # one is missing.
    required_sectors = models.JSONField(default=default_required_sectors, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_cohorts"
    )
    # Set when a schedule that meets the academy's rules is saved.
    schedule_set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academies:cohort", args=[self.slug])

    @property
    def is_digital_academy(self) -> bool:
        return self.academy == AcademyKind.DIGITAL


class Session(TimeStampedModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    module = models.ForeignKey(
        Module, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_academy_sessions"
    )
    # Shown on the screen in the room; participants type it to record their own attendance.
    attendance_code = models.CharField(max_length=12, default=new_attendance_code)

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "number"], name="one_session_number_a_cohort"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="academy_session_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.number} of {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("academies:session", args=[self.cohort.slug, self.number])

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class EnrolmentStatus(models.TextChoices):
    AWAITING_SPONSOR = "awaiting_sponsor", "Waiting for sponsor"
    SPONSOR_DECLINED = "sponsor_declined", "Not supported by sponsor"
    ENROLLED = "enrolled", "Enrolled"
    ENROLLED_LATE = "enrolled_late", "Enrolled late"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"


# Enrolments that hold a place on the cohort.
ACTIVE_ENROLMENT = (
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.ENROLLED_LATE,
    EnrolmentStatus.COMPLETED,
)


class Enrolment(TimeStampedModel):
    """A participant's place on a cohort, backed by their sponsor (chief executive or
    director), who approves by a personal link."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="academy_enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="academy_enrolments",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="academy_enrolments"
    )
    # The body's sector within the cohort's place (blank in a Member Leadership Academy).
    partner_kind = models.CharField(max_length=30, choices=PartnerKind, blank=True)
    status = models.CharField(
        max_length=20, choices=EnrolmentStatus, default=EnrolmentStatus.AWAITING_SPONSOR
    )
    motivation = models.TextField(blank=True, help_text="What they want to change.")
    sponsor_name = models.CharField(max_length=200)
    sponsor_job_title = models.CharField(max_length=200)
    sponsor_email = models.EmailField()
    # The sponsor's link: only the sha256 of its token is kept; it works once, until it expires.
    sponsor_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    sponsor_token_expires_at = models.DateTimeField(null=True, blank=True)
    sponsor_decided_at = models.DateTimeField(null=True, blank=True)
    sponsor_comment = models.TextField(blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The certificate's reference, printed on it so it can be checked.
    certificate_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["person__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="one_enrolment_a_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.cohort}"

    @property
    def holds_place(self) -> bool:
        return self.status in ACTIVE_ENROLMENT


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    EXCUSED = "excused", "Excused"
    ABSENT = "absent", "Absent"
    # The session took place before the participant joined the cohort.
    NOT_YET_ENROLLED = "not_yet_enrolled", "Enrolled after this session"


# Statuses that count as attending a session.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    FACILITATOR = "facilitator", "Marked by a facilitator"
    CODE = "code", "Code entered in the room"
    ENROLMENT = "enrolment", "Set on late enrolment"


class Attendance(TimeStampedModel):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus)
    method = models.CharField(max_length=20, choices=AttendanceMethod)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["session", "enrolment"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="one_attendance_a_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person}: {self.get_status_display()} at {self.session}"


class Plan(TimeStampedModel):
    """A participant's 100-day plan: what they will do with partners in their place."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="plan")
    ambition = models.TextField(help_text="What will be different in 100 days.")
    partners = models.TextField(
        blank=True, help_text="The partner organisations and people they will work with."
    )
    expected_benefits = models.TextField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"100-day plan of {self.enrolment.person}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class PlanAction(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    partner = models.CharField(max_length=200, blank=True, help_text="Who they will do it with.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus, default=ActionStatus.NOT_STARTED)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.description


class Milestone(models.TextChoices):
    SIX_MONTHS = "six_months", "6-month update"
    TWELVE_MONTHS = "twelve_months", "12-month update"


# How many months after a plan is submitted each update falls due.
MILESTONE_MONTHS = {Milestone.SIX_MONTHS: 6, Milestone.TWELVE_MONTHS: 12}


class Progress(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    SOME_DELAY = "some_delay", "Some delay"
    OFF_TRACK = "off_track", "Off track"


class PlanUpdate(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="updates")
    milestone = models.CharField(max_length=20, choices=Milestone)
    progress = models.CharField(max_length=20, choices=Progress)
    achieved = models.TextField(help_text="What has changed since the plan.")
    benefits_seen = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "milestone"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "milestone"], name="one_update_a_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()} of {self.plan}"


class SurveyStage(models.TextChoices):
    START = "start", "Start of the cohort"
    END = "end", "End of the cohort"


class SurveyResponse(TimeStampedModel):
    """A participant's confidence on each learning outcome, at the start or end of a cohort."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="survey_responses"
    )
    stage = models.CharField(max_length=10, choices=SurveyStage)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "stage"], name="one_survey_a_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} survey of {self.enrolment.person}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.PROTECT, related_name="+")
    # 1 (not at all confident) to 5 (very confident).
    confidence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "outcome"], name="one_answer_an_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.confidence}"


class ReminderKind(models.TextChoices):
    SOON = "soon", "Due within a fortnight"
    DUE = "due", "Due now"


class PlanReminder(models.Model):
    """Each reminder goes once a milestone, however often the reminder command runs."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=20, choices=Milestone)
    kind = models.CharField(max_length=10, choices=ReminderKind)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "milestone", "kind"], name="one_plan_reminder_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder of {self.plan}"
