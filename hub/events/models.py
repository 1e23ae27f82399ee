"""Round tables and open sessions: series, events, invitations and places, attendance,
Chatham House records and feedback.

One model of an event with attendance serves invitation-only round tables and open sessions
alike (docs/ARCHITECTURE: "sessions with attendance"). Times are stored in UTC and shown in
Europe/London, so daylight saving is Django's and zoneinfo's job, not ours.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.cases.models import Resource
from hub.core.models import DemoMarkedModel, TimeStampedModel
from hub.organisations.models import Person, Region
from hub.taxonomy.models import Theme

# A personal invitation link works this long, and once.
INVITATION_LINK_DAYS = 21


class EventKind(models.TextChoices):
    ROUND_TABLE = "round_table", "Chief executive round table"
    OPEN_SESSION = "open_session", "Open session"


class Access(models.TextChoices):
    INVITATION = "invitation", "Invitation only"
    OPEN = "open", "Open to sign-up"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class AttendeeListVisibility(models.TextChoices):
    FACILITATORS = "facilitators", "Facilitators only"
    ATTENDEES = "attendees", "People with a place"
    NETWORK = "network", "Everyone signed in who can see the event"


class Series(DemoMarkedModel, TimeStampedModel):
    """A run of round tables in one region (or open sessions with a common purpose)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=EventKind, default=EventKind.ROUND_TABLE)
    region = models.CharField(max_length=40, choices=Region, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series", args=[self.slug])


class Event(DemoMarkedModel, TimeStampedModel):
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=EventKind, default=EventKind.ROUND_TABLE)
    access = models.CharField(max_length=20, choices=Access, default=Access.INVITATION)
    status = models.CharField(max_length=20, choices=EventStatus, default=EventStatus.DRAFT)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    region = models.CharField(max_length=40, choices=Region, blank=True)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    summary = models.TextField(blank=True, help_text="What the event is for, in a few lines.")
    agenda = models.TextField(blank=True, help_text="Markdown.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="talks"
    )
    speaker_briefing = models.TextField(
        blank=True, help_text="What the speaker delivered in their council, in a few lines."
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text="The champion hosting an open session.",
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_events"
    )
    allow_deputies = models.BooleanField(
        default=False, help_text="Invitees may nominate a deputy to come in their place."
    )
    attendee_list_visibility = models.CharField(
        max_length=20, choices=AttendeeListVisibility, default=AttendeeListVisibility.FACILITATORS
    )
    cases = models.ManyToManyField(Resource, blank=True, related_name="events")
    # Incremented on every change a calendar must see (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_private(self) -> bool:
        return self.access == Access.INVITATION

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_happened(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable across every change, so calendars update in place."""
        return f"event-{self.pk}@digital-leadership-hub"


class PlaceStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WAITING = "waiting", "On the waiting list"
    DEPUTISED = "deputised", "Sent a deputy"
    WITHDRAWN = "withdrawn", "Withdrawn"


HOLDS_A_PLACE = (PlaceStatus.ACCEPTED,)
STILL_OPEN = (PlaceStatus.INVITED, PlaceStatus.WAITING)


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", "Not taken"
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def link_expiry():
    return timezone.now() + timedelta(days=INVITATION_LINK_DAYS)


class Invitation(TimeStampedModel):
    """One person's place at an event: invited by a facilitator, or signed up to an open
    session. Declines stay on record, so facilitators see who said no."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_invitations",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation_name = models.CharField(max_length=200, blank=True)
    # Set when the person's details are removed (erasure, or retention after the event), so
    # the programme's take-up still counts the organisation once the name has gone.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=PlaceStatus, default=PlaceStatus.INVITED)
    signed_up = models.BooleanField(default=False, help_text="Signed up to an open session.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy_for = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="deputies"
    )
    # The personal link: only the sha256 of its token is kept; it works once, until it expires.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_expires_at = models.DateTimeField(default=link_expiry)
    token_used_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance, default=Attendance.UNKNOWN)
    # A personal calendar feed needs to know who was told what.
    notified_of_place_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="one_invitation_per_email_per_event"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waiting_since"])]

    def __str__(self) -> str:
        return f"{self.full_name} at {self.event}"

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_A_PLACE

    def link_is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.token_hash is not None
            and self.token_used_at is None
            and now < self.token_expires_at
        )


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ATTENDEES = "attendees", "Shared with attendees"
    PUBLISHED = "published", "Published to the network"


class ChathamHouseRecord(TimeStampedModel):
    """What was said, never who said it: the form has no speaker field by design."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="record")
    key_points = models.TextField(help_text="Markdown.")
    actions = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(max_length=20, choices=RecordStatus, default=RecordStatus.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Record of {self.event}"


class Feedback(TimeStampedModel):
    """The short survey after an event: one answer a place."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="feedback")
    usefulness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    will_do_differently = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Feedback on {self.invitation.event}"


class ReminderKind(models.TextChoices):
    WEEK = "week", "A week before"
    DAY = "day", "A day before"


class ReminderSent(models.Model):
    """Each reminder goes once a place, however often its task is enqueued."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "kind"], name="one_reminder_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.invitation}"


class CalendarFeed(models.Model):
    """A user's personal iCalendar feed: a secret URL their calendar app polls."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
