"""Writes to the good practice database. Every change to what can be found re-indexes the
record in the background once the transaction commits."""

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.cases.attachments import (
    COUNT_MESSAGE,
    MAX_ATTACHMENTS,
    AttachmentRefused,
    attachment_content_type,
)
from hub.cases.filters import parse_case_query
from hub.cases.models import (
    Adoption,
    AlertFrequency,
    Attachment,
    Benefit,
    EvidenceStatus,
    Question,
    Resource,
    SavedSearch,
    Status,
    Supplier,
    Technology,
    Transition,
)
from hub.cases.search import SEARCH_KIND
from hub.cases.selectors import case_search
from hub.core.notify import absolute_url, email_on_commit
from hub.search.services import search_index_later

# Which moves the moderation workflow allows, and whether each needs a reason.
TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED): False,
    (Status.CHANGES_REQUESTED, Status.SUBMITTED): False,
    (Status.SUBMITTED, Status.CHANGES_REQUESTED): True,
    (Status.SUBMITTED, Status.PUBLISHED): False,
    (Status.PUBLISHED, Status.CHANGES_REQUESTED): True,
    (Status.PUBLISHED, Status.ARCHIVED): True,
    (Status.SUBMITTED, Status.ARCHIVED): True,
    (Status.CHANGES_REQUESTED, Status.ARCHIVED): True,
    (Status.ARCHIVED, Status.PUBLISHED): False,
}
CONTRIBUTOR_MOVES = {Status.SUBMITTED}


class TransitionRefused(Exception):
    pass


# Paths under /cases/ that a record's slug must never take.
RESERVED_SLUGS = {"contribute", "moderation", "feed", "compare", "saved-searches", "new"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "resource"
    slug, number = base, 2
    while (
        slug in RESERVED_SLUGS or Resource.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def resource_create_draft(*, by, kind: str, title: str) -> Resource:
    resource = Resource.objects.create(
        kind=kind, title=title, slug=unique_slug(title), summary="", contributor=by
    )
    resource.contacts.add(by)
    return resource


M2M_FIELDS = (
    "partner_organisations",
    "service_areas",
    "themes",
    "technologies",
    "suppliers",
    "contacts",
)


@transaction.atomic
def resource_update(*, resource: Resource, data: dict) -> Resource:
    """Save fields and many-to-many sets from a form step; re-index if it can be found."""
    for name, value in data.items():
        if name in M2M_FIELDS:
            getattr(resource, name).set(value)
        else:
            setattr(resource, name, value)
    if "title" in data and resource.status != Status.PUBLISHED:
        resource.slug = unique_slug(resource.title, exclude_pk=resource.pk)
    resource.save()
    search_index_later(kind=SEARCH_KIND, object_id=resource.pk)
    return resource


# What the contributor is told, in their email's subject and body, after each move.
MOVE_NEWS = {
    Status.DRAFT: "is a draft again",
    Status.SUBMITTED: "has been submitted for review",
    Status.CHANGES_REQUESTED: "needs changes before it can be published",
    Status.PUBLISHED: "has been published",
    Status.ARCHIVED: "has been archived",
}


def _notify_contributor(resource: Resource, transition: Transition) -> None:
    contributor = resource.contributor
    if contributor is None or transition.by == contributor:
        return
    link = absolute_url(reverse("cases:detail", kwargs={"slug": resource.slug}))
    news = MOVE_NEWS[Status(transition.to_status)]
    lines = [
        f"Hello {contributor.get_short_name()},",
        "",
        f"Your good practice record “{resource.title}” {news}.",
    ]
    if transition.reason:
        lines += ["", "The editor said:", transition.reason]
    lines += ["", f"See it on the Digital Leadership Hub: {link}", "", "Digital Leadership Hub"]
    email_on_commit(
        to=[contributor.email],
        subject=f"Your good practice record {news}",
        body="\n".join(lines),
    )


@transaction.atomic
def resource_transition(*, resource: Resource, to_status: str, by, reason: str = "") -> Resource:
    """Move a record through moderation: record who, when and why; tell the contributor."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    move = (Status(resource.status), Status(to_status))
    if move not in TRANSITIONS:
        raise TransitionRefused(
            f"A record that is {resource.get_status_display().lower()} cannot be moved to "
            f"{Status(to_status).label.lower()}."
        )
    if TRANSITIONS[move] and not reason.strip():
        raise TransitionRefused("Give a reason, so the contributor knows what to do next.")
    is_editor = by.has_perm("cases.moderate")
    if not is_editor and not (to_status in CONTRIBUTOR_MOVES and resource.contributor_id == by.pk):
        raise TransitionRefused("Only an editor can make this change.")
    transition = Transition.objects.create(
        resource=resource,
        from_status=resource.status,
        to_status=to_status,
        by=by,
        reason=reason.strip(),
    )
    resource.status = to_status
    if to_status == Status.PUBLISHED and resource.published_at is None:
        resource.published_at = timezone.now()
    resource.save(update_fields=["status", "published_at", "updated_at"])
    search_index_later(kind=SEARCH_KIND, object_id=resource.pk)
    _notify_contributor(resource, transition)
    return resource


@transaction.atomic
def benefit_add(*, resource: Resource, **fields) -> Benefit:
    benefit = Benefit.objects.create(
        resource=resource, evidence_status=EvidenceStatus.CLAIMED, **fields
    )
    search_index_later(kind=SEARCH_KIND, object_id=resource.pk)
    return benefit


@transaction.atomic
def benefit_set_evidence(*, benefit: Benefit, status: str, by, reason: str = "") -> Benefit:
    """Verify or dispute a benefit (editors). A dispute needs its reason."""
    if status == EvidenceStatus.DISPUTED and not reason.strip():
        raise ValueError("Say why the benefit is disputed.")
    benefit.evidence_status = status
    benefit.verified_by = by if status == EvidenceStatus.VERIFIED else None
    benefit.verified_at = timezone.now() if status == EvidenceStatus.VERIFIED else None
    benefit.disputed_reason = reason.strip() if status == EvidenceStatus.DISPUTED else ""
    benefit.save()
    return benefit


@transaction.atomic
def adoption_record(
    *,
    resource: Resource,
    organisation,
    by,
    cost_pounds: int | None = None,
    months_to_live: int | None = None,
    notes: str = "",
) -> Adoption:
    """Record that `organisation` reused this work; recording again updates the figures."""
    if organisation.pk == resource.lead_organisation_id:
        raise ValueError("The lead organisation cannot record that it reused its own work.")
    adoption, _ = Adoption.objects.update_or_create(
        resource=resource,
        organisation=organisation,
        defaults={
            "cost_pounds": cost_pounds,
            "months_to_live": months_to_live,
            "notes": notes,
            "recorded_by": by,
        },
    )
    return adoption


@transaction.atomic
def question_send(*, resource: Resource, by, text: str) -> Question:
    """Send a member's question to the people behind a case; their addresses stay hidden."""
    question = Question.objects.create(resource=resource, asked_by=by, text=text.strip())
    contacts = [user.email for user in resource.contacts.filter(is_active=True)]
    organisation = getattr(getattr(by, "person", None), "organisation", None)
    asker = f"{by.full_name}" + (f", {organisation}" if organisation else "")
    body = "\n".join(
        [
            f"{asker} has a question about “{resource.title}” on the Digital Leadership Hub:",
            "",
            question.text,
            "",
            f"Reply to this email to answer them at {by.email}.",
            "",
            "Digital Leadership Hub",
        ]
    )
    email_on_commit(
        to=contacts, subject=f"A question about {resource.title}", body=body, reply_to=[by.email]
    )
    return question


def saved_search_create(*, user, name: str, query_string: str, frequency: str) -> SavedSearch:
    return SavedSearch.objects.create(
        user=user,
        name=name,
        query_string=query_string,
        frequency=frequency,
        last_alerted_at=timezone.now(),
    )


def total_pounds(benefits) -> Decimal:
    return sum((benefit.amount or Decimal(0) for benefit in benefits), Decimal(0))


# Saved-search alerts: how long after the last email a search is due again. A scheduler that
# starts a few minutes early (cron, a busy worker) still finds yesterday's search due.
ALERT_INTERVALS = {
    AlertFrequency.DAILY: timedelta(days=1),
    AlertFrequency.WEEKLY: timedelta(days=7),
}
ALERT_EARLY_GRACE = timedelta(hours=1)
ALERT_MAX_LISTED = 20


def _new_matches(saved: SavedSearch, *, since: datetime, until: datetime) -> QuerySet[Resource]:
    """Published records matching the saved query string, published in (since, until]."""
    found = case_search(parse_case_query(QueryDict(saved.query_string)), with_facets=False)
    matches = (
        found.ordered
        if isinstance(found.ordered, QuerySet)
        else Resource.objects.filter(pk__in=found.ordered)
    )
    return (
        matches.filter(status=Status.PUBLISHED, published_at__gt=since, published_at__lte=until)
        .select_related("lead_organisation")
        .order_by("-published_at", "-pk")
    )


def _alert_body(saved: SavedSearch, matches: list[Resource], total: int) -> str:
    lines = [
        f"Hello {saved.user.get_short_name()},",
        "",
        f"{total} new good practice record{'s match' if total != 1 else ' matches'} "
        f"your saved search “{saved.name}”:",
    ]
    for resource in matches:
        organisation = resource.lead_organisation.name if resource.lead_organisation else ""
        lines += [
            "",
            resource.title + (f", {organisation}" if organisation else ""),
            absolute_url(resource.get_absolute_url()),
        ]
    if total > len(matches):
        lines += ["", f"And {total - len(matches)} more."]
    list_path = reverse("cases:list") + (f"?{saved.query_string}" if saved.query_string else "")
    lines += [
        "",
        f"See everything that matches this search: {absolute_url(list_path)}",
        "",
        "To change how often we email you, or to stop these emails, manage your saved searches: "
        + absolute_url(reverse("cases:saved-searches")),
        "",
        "Digital Leadership Hub",
    ]
    return "\n".join(lines)


def _due_searches(*, frequency: str, now: datetime) -> QuerySet[SavedSearch]:
    cutoff = now - ALERT_INTERVALS[AlertFrequency(frequency)] + ALERT_EARLY_GRACE
    return SavedSearch.objects.filter(frequency=frequency, user__is_active=True).filter(
        Q(last_alerted_at__isnull=True) | Q(last_alerted_at__lte=cutoff)
    )


def saved_search_alerts_send(
    *, frequency: str, now: datetime | None = None, dry_run: bool = False
) -> int:
    """Email each due saved search of `frequency` the records published since its last alert.

    One email per search with new matches; a search with none gets no email. Either way its
    `last_alerted_at` moves on to `now`, so nothing is sent twice. Each search is handled in a
    transaction of its own, its row locked, so two overlapping runs cannot both send it.
    Returns the number of emails sent (with `dry_run`, that would be sent; nothing changes).
    """
    now = now or timezone.now()
    interval = ALERT_INTERVALS[AlertFrequency(frequency)]
    sent = 0
    for pk in list(_due_searches(frequency=frequency, now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            saved = (
                _due_searches(frequency=frequency, now=now)
                .select_for_update(of=("self",))
                .select_related("user")
                .filter(pk=pk)
                .first()
            )
            if saved is None:  # Another run has just sent it.
                continue
            # Never alerted (made before alerts existed): one interval back, not all time.
            since = saved.last_alerted_at or now - interval
            matches = _new_matches(saved, since=since, until=now)
            total = matches.count()
            if total:
                sent += 1
                if not dry_run:
                    email_on_commit(
                        to=[saved.user.email],
                        subject=f"New good practice for your saved search: {saved.name}",
                        body=_alert_body(saved, list(matches[:ALERT_MAX_LISTED]), total),
                    )
            if not dry_run:
                saved.last_alerted_at = now
                saved.save(update_fields=["last_alerted_at", "updated_at"])
    return sent


# The contribution journey: saving a step, benefits and attachments.


def _named(model, name: str):
    """The existing record of this name whatever its case, or a new one."""
    name = " ".join(name.split())
    existing = model.objects.filter(name__iexact=name).first()
    return existing or model.objects.get_or_create(name=name)[0]


@transaction.atomic
def resource_save_answers(*, resource: Resource, data: dict) -> Resource:
    """Save one step of the contribution journey through `resource_update`.

    Technologies and suppliers come as names: each matches an existing one case-insensitively,
    or is added, so "power bi" and "Power BI" stay one technology.
    """
    data = dict(data)
    for field, model in (("technologies", Technology), ("suppliers", Supplier)):
        if field in data:
            data[field] = [_named(model, name) for name in data[field] if name.strip()]
    return resource_update(resource=resource, data=data)


@transaction.atomic
def benefit_remove(*, benefit: Benefit) -> None:
    resource_id = benefit.resource_id
    benefit.delete()
    search_index_later(kind=SEARCH_KIND, object_id=resource_id)


@transaction.atomic
def attachment_add(*, resource: Resource, title: str, file) -> Attachment:
    """Attach a file that passes the type, content and size checks; at most 10 a record."""
    # Lock the record so two uploads at once cannot both take the tenth place.
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    if Attachment.objects.filter(resource=resource).count() >= MAX_ATTACHMENTS:
        raise AttachmentRefused(COUNT_MESSAGE)
    content_type = attachment_content_type(file)
    path = Path(file.name)
    name = f"{slugify(path.stem)[:80] or 'attachment'}{path.suffix.lower()}"
    attachment = Attachment(
        resource=resource, title=title.strip(), content_type=content_type, size=file.size
    )
    attachment.file.save(name, file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment) -> None:
    """Delete the record of the file, then the file itself once that has committed."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
