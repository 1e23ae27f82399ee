"""Writes of the privacy app: a person's data export, erasure requests and carrying them out."""

from copy import copy

from auditlog.context import disable_auditlog
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone

from hub.privacy import registry, scrub
from hub.privacy.audit import record_type_of
from hub.privacy.models import ErasureRequest, ErasureStatus
from hub.privacy.selectors import ACTIONS

README = [
    "This file holds the personal data the Digital Leadership Hub keeps about you, on the date "
    "in 'exported_at'.",
    "Each section after this one is one part of the Hub; its 'about' says what it holds.",
    "Dates and times are in UTC (ISO 8601). An empty list means the Hub holds nothing of that "
    "kind about you.",
    "Other people's personal data is left out, even where you worked with them.",
    "To ask for your data to be erased, use 'Ask for your data to be erased' on your account page.",
]


class ErasureRefused(Exception):
    pass


def personal_data_export(*, user) -> dict:
    """Everything the Hub holds about `user`, grouped by the app that holds it."""
    data: dict = {"README": README, "exported_at": timezone.now()}
    for source in registry.sources():
        data[source.key] = {"about": source.description, **source.export(user)}
    data["privacy"] = {
        "about": "Your requests to erase your data, and the changes you made to the Hub's key "
        "records (the names of personal records you changed are left out).",
        "changes_you_made": _changes_by(user),
        "erasure_requests": list(
            ErasureRequest.objects.filter(user=user)
            .values("status", "reason", "requested_at", "due_on", "decided_at", "refusal_reason")
            .order_by("pk")
        ),
    }
    return data


def _changes_by(user) -> list[dict]:
    entries = LogEntry.objects.filter(actor=user).select_related("content_type").order_by("pk")
    changes = []
    for entry in entries.only("timestamp", "action", "object_repr", "content_type", "changes"):
        kind = record_type_of(entry.content_type.model_class())
        personal = kind is None or kind.personal
        changes.append(
            {
                "when": entry.timestamp,
                "action": ACTIONS.get(entry.action, "Changed"),
                "kind_of_record": kind.label if kind else entry.content_type.name,
                "record": None if personal else entry.object_repr,
                "fields": sorted((entry.changes or {}).keys()),
            }
        )
    return changes


def waiting_request_of(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status=ErasureStatus.REQUESTED).first()


@transaction.atomic
def erasure_request_create(*, user, reason: str = "") -> ErasureRequest:
    if waiting_request_of(user) is not None:
        raise ErasureRefused("You have already asked for your data to be erased.")
    now = timezone.now()
    return ErasureRequest.objects.create(
        user=user,
        reason=reason.strip(),
        requested_at=now,
        due_on=ErasureRequest.due_date_for(timezone.localdate(now)),
    )


def _identifying_texts(user) -> list[str]:
    texts = [user.email, user.full_name]
    person = getattr(user, "person", None)
    if person is not None:
        texts.append(person.full_name)
    return texts


@transaction.atomic
def erasure_carry_out(*, request: ErasureRequest, by) -> ErasureRequest:
    """Erase the person's data in every app, then from the audit log; the request records who
    did it and when, with counts of what was erased, and nothing personal."""
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_waiting:
        raise ErasureRefused("This request has already been dealt with.")
    if request.user_id == by.pk:
        raise ErasureRefused("Another programme admin must carry out your own request.")
    user = request.user
    texts = _identifying_texts(user)
    records = [record for source in registry.sources() for record in source.audited_records(user)]
    outcome = {}
    # The erasure's own changes must not write the old values into the log.
    with disable_auditlog():
        for source in registry.sources():
            outcome[source.key] = source.erase(user)
    outcome["audit log"] = {
        "entries about the person blanked": scrub.scrub_records(records),
        "entries mentioning the person blanked": scrub.scrub_mentions(texts),
        "entries by the person without their email address": scrub.scrub_actor(user),
    }
    before = copy(request)
    request.status = ErasureStatus.CARRIED_OUT
    request.decided_by = by
    request.decided_at = timezone.now()
    request.reason = ""
    request.outcome = outcome
    _save_decision(request, before=before, by=by)
    return request


def _save_decision(request: ErasureRequest, *, before: ErasureRequest, by) -> None:
    # Logged with `by` as the actor explicitly: the same whether a page or a command decides.
    with disable_auditlog():
        request.save()
    LogEntry.objects.log_create(
        request,
        action=LogEntry.Action.UPDATE,
        changes=model_instance_diff(before, request),
        actor=by,
        actor_email=by.email,
    )


@transaction.atomic
def erasure_refuse(*, request: ErasureRequest, by, reason: str) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_waiting:
        raise ErasureRefused("This request has already been dealt with.")
    before = copy(request)
    request.status = ErasureStatus.REFUSED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.refusal_reason = reason.strip()
    _save_decision(request, before=before, by=by)
    return request
