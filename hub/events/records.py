"""Chatham House records and post-event feedback: writes and the summaries read from them.

A record says what was said, never who said it. Its form has no speaker field; on top of
that, `attendee_names_in` finds the names of the people invited (and the speaker) in its text,
so the facilitator is warned before anyone reads it. The warning does not stop a save: a name
can be there for a good reason (a council's leader quoted in the press, say).

A record goes draft -> shared with the people who had a place -> published to the network,
one step at a time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub.core.notify import absolute_url, email_on_commit
from hub.events.models import (
    ChathamHouseRecord,
    Event,
    Feedback,
    Invitation,
    PlaceStatus,
    RecordStatus,
    Series,
)
from hub.events.services import EventsError, london_date

# A surname shorter than this is too likely to be an ordinary word to warn about.
MIN_SURNAME_LETTERS = 2


# Names in a record ----------------------------------------------------------------------


def _names_of(event: Event) -> list[str]:
    names = []
    for invitation in event.invitations.select_related("person"):
        names.append(invitation.full_name)
        if invitation.person_id:
            names.append(invitation.person.full_name)
    if event.speaker_id:
        names.append(event.speaker.full_name)
    return sorted({name.strip() for name in names if name and name.strip()})


def _word_pattern(words: str) -> re.Pattern:
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _patterns(name: str) -> list[re.Pattern]:
    patterns = [_word_pattern(name)]
    parts = name.split()
    surname = parts[-1] if len(parts) > 1 else ""
    if sum(ch.isalpha() for ch in surname) >= MIN_SURNAME_LETTERS:
        patterns.append(_word_pattern(surname))
    return patterns


def attendee_names_in(text: str, event: Event) -> list[str]:
    """The full names of invitees (any answer) and the speaker whose full name or surname
    appears in `text` as whole words, case-insensitively."""
    if not text or not text.strip():
        return []
    return [
        name
        for name in _names_of(event)
        if any(pattern.search(text) for pattern in _patterns(name))
    ]


def record_names(record: ChathamHouseRecord | None) -> list[str]:
    if record is None:
        return []
    return attendee_names_in(f"{record.key_points}\n{record.actions}", record.event)


# Writing and sharing the record ---------------------------------------------------------


@transaction.atomic
def save_record(*, event: Event, key_points: str, actions: str, by) -> ChathamHouseRecord:
    """Create or update the event's record; its status is left as it is."""
    record, _ = ChathamHouseRecord.objects.select_for_update().get_or_create(
        event=event, defaults={"key_points": key_points, "actions": actions, "written_by": by}
    )
    record.key_points = key_points.strip()
    record.actions = actions.strip()
    record.written_by = by
    record.save()
    return record


def _check_can_share(record: ChathamHouseRecord) -> None:
    event = record.event
    if event.is_cancelled:
        raise EventsError("This event was cancelled, so its record cannot be shared.")
    if not event.has_happened:
        raise EventsError("The record can be shared once the event has taken place.")
    if not record.key_points.strip():
        raise EventsError("Write the key points before sharing the record.")


def _record_recipients(event: Event) -> list[str]:
    emails = list(
        event.invitations.filter(status=PlaceStatus.ACCEPTED).values_list("email", flat=True)
    )
    speaker_user = event.speaker.user if event.speaker_id and event.speaker.user_id else None
    if speaker_user is not None:
        emails.append(speaker_user.email)
    return emails


@transaction.atomic
def share_with_attendees(*, record: ChathamHouseRecord, by) -> ChathamHouseRecord:
    """Show the record to everyone who had a place (and the speaker), and email them."""
    record = (
        ChathamHouseRecord.objects.select_for_update().select_related("event").get(pk=record.pk)
    )
    if record.status != RecordStatus.DRAFT:
        raise EventsError("This record has already been shared with the attendees.")
    _check_can_share(record)
    record.status = RecordStatus.ATTENDEES
    record.shared_at = timezone.now()
    record.save(update_fields=["status", "shared_at", "updated_at"])
    event = record.event
    for email in sorted(set(_record_recipients(event))):
        email_on_commit(
            to=[email],
            subject=f"Record of {event.title}",
            body=(
                f"The record of {event.title} on {london_date(event.starts_at)} is ready "
                "for the people who were there.\n\n"
                "It is written under the Chatham House rule: it says what was said, never who "
                "said it. Please keep it that way when you use it.\n\n"
                f"Read it here (sign in first): "
                f"{absolute_url(reverse('events:record', args=[event.slug]))}\n"
            ),
        )
    return record


@transaction.atomic
def publish_record(*, record: ChathamHouseRecord, by) -> ChathamHouseRecord:
    """Publish a record the attendees have seen to everyone signed in to the Hub."""
    record = (
        ChathamHouseRecord.objects.select_for_update().select_related("event").get(pk=record.pk)
    )
    if record.status == RecordStatus.DRAFT:
        raise EventsError("Share the record with the attendees before publishing it.")
    if record.status == RecordStatus.PUBLISHED:
        raise EventsError("This record is already published.")
    _check_can_share(record)
    record.status = RecordStatus.PUBLISHED
    record.published_at = timezone.now()
    record.save(update_fields=["status", "published_at", "updated_at"])
    return record


# Feedback --------------------------------------------------------------------------------

USEFULNESS_LABELS = {
    1: "Not at all useful",
    2: "Slightly useful",
    3: "Moderately useful",
    4: "Very useful",
    5: "Extremely useful",
}


def place_of(user, event: Event) -> Invitation | None:
    """The user's place at the event (by account, or by the email they were invited at)."""
    if not user.is_authenticated:
        return None
    places = event.invitations.filter(status=PlaceStatus.ACCEPTED)
    return (places.filter(user=user) | places.filter(email__iexact=user.email)).first()


@transaction.atomic
def give_feedback(*, invitation: Invitation, usefulness: int, will_do_differently: str) -> Feedback:
    """One answer a place; giving it again changes it."""
    if invitation.status != PlaceStatus.ACCEPTED:
        raise EventsError("Only people who had a place can give feedback.")
    if not invitation.event.has_happened:
        raise EventsError("You can give feedback once the event has taken place.")
    if usefulness not in USEFULNESS_LABELS:
        raise EventsError("Choose how useful the event was, from 1 to 5.")
    feedback, _ = Feedback.objects.update_or_create(
        invitation=invitation,
        defaults={"usefulness": usefulness, "will_do_differently": will_do_differently.strip()},
    )
    return feedback


@dataclass
class FeedbackSummary:
    """Counts and free text, never who said what."""

    title: str
    count: int = 0
    places: int = 0
    distribution: list[dict] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def mean(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None


def _summarise(title: str, rows: list[tuple[int, str]], places: int) -> FeedbackSummary:
    counts = Counter(usefulness for usefulness, _ in rows)
    summary = FeedbackSummary(title=title, count=len(rows), places=places)
    summary.total = sum(usefulness for usefulness, _ in rows)
    for score, label in USEFULNESS_LABELS.items():
        number = counts.get(score, 0)
        percent = round(100 * number / len(rows)) if rows else 0
        summary.distribution.append(
            {"score": score, "label": label, "count": number, "percent": percent}
        )
    summary.answers = [text for _, text in rows if text.strip()]
    return summary


def _feedback_rows(events) -> dict[int, list[tuple[int, str]]]:
    rows: dict[int, list[tuple[int, str]]] = {}
    # Ordered by the answer's id, not by person, so the order gives nobody away either.
    for event_id, usefulness, text in (
        Feedback.objects.filter(invitation__event__in=events)
        .order_by("pk")
        .values_list("invitation__event_id", "usefulness", "will_do_differently")
    ):
        rows.setdefault(event_id, []).append((usefulness, text))
    return rows


def feedback_summary(event: Event) -> FeedbackSummary:
    rows = _feedback_rows([event]).get(event.pk, [])
    places = event.invitations.filter(status=PlaceStatus.ACCEPTED).count()
    return _summarise(event.title, rows, places)


@dataclass
class SeriesFeedback:
    overall: FeedbackSummary
    events: list[tuple[Event, FeedbackSummary]]


def series_feedback_summary(series: Series, events: list[Event]) -> SeriesFeedback:
    """The summary of each of `events` (those of the series the viewer may see) and overall."""
    rows = _feedback_rows(events)
    places = Counter(
        Invitation.objects.filter(event__in=events, status=PlaceStatus.ACCEPTED).values_list(
            "event_id", flat=True
        )
    )
    per_event = [
        (event, _summarise(event.title, rows.get(event.pk, []), places.get(event.pk, 0)))
        for event in events
    ]
    every_row = [row for event in events for row in rows.get(event.pk, [])]
    return SeriesFeedback(
        overall=_summarise(series.title, every_row, sum(places.values())), events=per_event
    )
