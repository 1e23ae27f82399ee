"""Reads for the editors' moderation queue: records by status, oldest waiting first, with the
dates a queue shows. (Kept apart from selectors.py, which the finding pages own.)"""

from datetime import datetime

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hub.cases.models import Resource, Status, Transition

# The queue's tabs, in order; drafts are the contributor's own until they submit them.
QUEUE_STATUSES = (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.ARCHIVED)

QUEUE_ORDER = {
    # Waiting on an editor or on the contributor: the longest waiting first.
    Status.SUBMITTED: ("status_since", "pk"),
    Status.CHANGES_REQUESTED: ("status_since", "pk"),
    Status.PUBLISHED: ("-published_at", "-pk"),
    Status.ARCHIVED: ("-status_since", "-pk"),
}


def _latest_transition_at(to_status) -> Subquery:
    return Subquery(
        Transition.objects.filter(resource=OuterRef("pk"), to_status=to_status)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )


def moderation_list(*, status: str, kind: str = "") -> QuerySet[Resource]:
    """Records in `status` (of `kind`, if given), annotated with `submitted_at` (their latest
    submission, if any) and `status_since` (when they entered their status)."""
    resources = Resource.objects.filter(status=status)
    if kind:
        resources = resources.filter(kind=kind)
    return (
        resources.annotate(
            submitted_at=_latest_transition_at(Status.SUBMITTED),
            # Imported records have no moderation trail: their last change stands in.
            status_since=Coalesce(_latest_transition_at(OuterRef("status")), F("updated_at")),
        )
        .select_related("contributor", "lead_organisation")
        .order_by(*QUEUE_ORDER.get(Status(status), ("pk",)))
    )


def moderation_counts(*, kind: str = "") -> dict[str, int]:
    """How many records each queue status holds (of `kind`, if given): one query."""
    resources = Resource.objects.filter(status__in=QUEUE_STATUSES)
    if kind:
        resources = resources.filter(kind=kind)
    rows = resources.order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in QUEUE_STATUSES}


def days_waiting(since: datetime | None, *, now: datetime) -> int | None:
    return max((now - since).days, 0) if since else None
