"""Writes to the good practice database. Every change to what can be found re-indexes the
record in the background once the transaction commits."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.cases.models import (
    Adoption,
    Benefit,
    EvidenceStatus,
    Question,
    Resource,
    SavedSearch,
    Status,
    Transition,
)
from hub.cases.search import SEARCH_KIND
from hub.core.notify import email_on_commit
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


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "resource"
    slug, number = base, 2
    while Resource.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
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


def _notify_contributor(resource: Resource, transition: Transition) -> None:
    contributor = resource.contributor
    if contributor is None or transition.by == contributor:
        return
    link = reverse("cases:detail", kwargs={"slug": resource.slug})
    status = transition.get_to_status_display().lower()
    lines = [
        f"Hello {contributor.get_short_name()},",
        "",
        f"“{resource.title}” is now {status}.",
    ]
    if transition.reason:
        lines += ["", "The editor said:", transition.reason]
    lines += ["", f"See it on the Digital Leadership Hub: {link}", "", "Digital Leadership Hub"]
    email_on_commit(
        to=[contributor.email],
        subject=f"Your good practice record is {status}",
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
