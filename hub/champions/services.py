"""Writes to champion profiles: nomination, the programme's decision, and the champion's own
changes. A change to what can be found re-indexes the profile once the transaction commits
(only approved profiles stay in the index)."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.accounts.roles import Role
from hub.champions.models import ChampionProfile, ProfileStatus
from hub.champions.search import SEARCH_KIND
from hub.champions.selectors import programme_admin_emails
from hub.core.notify import absolute_url, email_on_commit
from hub.organisations.models import Person
from hub.search.services import search_index_later

# Paths under /champions/ that a profile's slug must never take.
RESERVED_SLUGS = {
    "nominate",
    "nominations",
    "match",
    "matching",
    "batch",
    "mentoring",
    "mentorings",
    "requests",
    "activity",
    "network",
    "suggestions",
}

M2M_FIELDS = ("service_areas", "themes", "cases_led", "technologies", "suppliers")
# What a nominator sets, and what the champion (or an admin) may change afterwards.
NOMINATION_FIELDS = (
    "role_summary",
    "experience",
    "mentee_capacity",
    "meeting_frequency",
    "nomination_reason",
    *M2M_FIELDS,
)
EDITABLE_FIELDS = (
    "role_summary",
    "experience",
    "mentee_capacity",
    "meeting_frequency",
    "available",
    *M2M_FIELDS,
)


class NominationRefused(Exception):
    pass


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "champion"
    slug, number = base, 2
    while (
        slug in RESERVED_SLUGS
        or ChampionProfile.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply(profile: ChampionProfile, data: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"These fields cannot be set here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(profile, name, value)
    profile.full_clean(exclude=["person", *M2M_FIELDS])
    profile.save()
    for name in M2M_FIELDS:
        if name in data:
            getattr(profile, name).set(data[name])


@transaction.atomic
def champion_nominate(*, person: Person, by, data: dict) -> ChampionProfile:
    """A nomination of `person`, waiting for a programme admin; the admins are emailed."""
    if ChampionProfile.objects.filter(person=person).exists():
        raise NominationRefused(f"{person.full_name} already has a champion profile.")
    profile = ChampionProfile(
        person=person,
        slug=unique_slug(person.full_name),
        status=ProfileStatus.NOMINATED,
        nominated_by=by,
    )
    _apply(profile, data, NOMINATION_FIELDS)
    email_on_commit(
        to=programme_admin_emails(),
        subject=f"Champion nomination: {person.full_name}",
        body=(
            f"{by.full_name or by.email} nominated {person.full_name} "
            f"({person.organisation.name}) as a digital champion.\n\n"
            f"Reason: {profile.nomination_reason or 'none given'}\n\n"
            f"Decide on it: {absolute_url(reverse('champions:decide', args=[profile.pk]))}"
        ),
    )
    return profile


@transaction.atomic
def champion_decide(
    *, profile: ChampionProfile, by, approve: bool, note: str = ""
) -> ChampionProfile:
    """Approve or decline a nomination. Approval makes the profile public and findable, gives
    the person's account the champion role, and tells them; a decline tells the nominator."""
    profile = (
        ChampionProfile.objects.select_for_update().select_related("person").get(pk=profile.pk)
    )
    if profile.status != ProfileStatus.NOMINATED:
        raise NominationRefused("This nomination has already been decided.")
    profile.status = ProfileStatus.APPROVED if approve else ProfileStatus.DECLINED
    profile.decided_by = by
    profile.decided_at = timezone.now()
    profile.decision_note = note
    profile.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
    )
    user = profile.person.user
    if approve:
        if user is not None:
            user.groups.add(Group.objects.get(name=Role.CHAMPION.value))
            user.__dict__.pop("role_names", None)
            email_on_commit(
                to=[user.email],
                subject="You are now a digital champion on the Digital Leadership Hub",
                body=(
                    "Your nomination as a digital champion has been approved.\n\n"
                    f"{note + chr(10) + chr(10) if note else ''}"
                    "Your profile is in the champions' directory. Keep your availability up "
                    f"to date: {absolute_url(reverse('champions:edit', args=[profile.slug]))}"
                ),
            )
    elif profile.nominated_by is not None:
        email_on_commit(
            to=[profile.nominated_by.email],
            subject=f"Champion nomination not approved: {profile.person.full_name}",
            body=(
                f"Your nomination of {profile.person.full_name} as a digital champion was "
                f"not approved.\n\n{note}"
            ).strip(),
        )
    search_index_later(kind=SEARCH_KIND, object_id=profile.pk)
    return profile


@transaction.atomic
def champion_update_profile(*, profile: ChampionProfile, data: dict) -> ChampionProfile:
    """The champion's availability, capacity, frequency, experience and expertise."""
    _apply(profile, data, EDITABLE_FIELDS)
    search_index_later(kind=SEARCH_KIND, object_id=profile.pk)
    return profile
