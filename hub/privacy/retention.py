"""Retention of event attendance: names come off places at events that ended more than
HUB_ATTENDANCE_RETENTION_MONTHS ago (24 by default). The places stay, with their organisation,
status and attendance, so the programme's counts and take-up do not change.

Academy attendance is not touched: it names nobody itself, and the place on the cohort it
belongs to is the record behind a participant's certificate (docs/adr/0023)."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.core.dates import add_months
from hub.events.models import Invitation
from hub.events.privacy import PERSONAL_FIELDS, anonymise_invitations
from hub.privacy.scrub import scrub_records

DEFAULT_RETENTION_MONTHS = 24
REMOVED = "[removed]"


def retention_months() -> int:
    return int(getattr(settings, "HUB_ATTENDANCE_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def cutoff(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    day = add_months(timezone.localdate(now), -retention_months())
    return datetime.combine(day, now.timetz().replace(tzinfo=None), tzinfo=now.tzinfo)


def places_past_retention(now: datetime | None = None):
    return Invitation.objects.filter(
        event__ends_at__lt=cutoff(now), personal_data_removed_at__isnull=True
    )


@dataclass(frozen=True)
class RetentionResult:
    places: int
    events: int
    log_entries: int = 0


def retention_preview(now: datetime | None = None) -> RetentionResult:
    places = places_past_retention(now)
    return RetentionResult(places=places.count(), events=places.values("event").distinct().count())


@transaction.atomic
def retention_apply(now: datetime | None = None) -> RetentionResult:
    places = places_past_retention(now)
    preview = retention_preview(now)
    pks = list(places.values_list("pk", flat=True))
    log_entries = scrub_records(
        Invitation.objects.filter(pk__in=pks), replacement=REMOVED, fields=PERSONAL_FIELDS
    )
    anonymise_invitations(Invitation.objects.filter(pk__in=pks))
    return RetentionResult(places=preview.places, events=preview.events, log_entries=log_entries)
