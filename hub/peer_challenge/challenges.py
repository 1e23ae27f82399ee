"""Challenges: who sees which, setting one up, its peer team and the council's leads, the
scoping meeting, the council's position statement (which can start from its latest closed
self-assessment), its status through the visit, and the cycle's deadlines.

A member of the reviewed council can never be on its peer team, and a team has one lead peer;
the council's leads are people of the reviewed council."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.accounts.rules import is_programme_staff
from hub.assessment.models import Assessment, AssessmentStatus
from hub.assessment.scoring import capability_scores
from hub.core.dates import add_months
from hub.core.notify import absolute_url, email_on_commit
from hub.organisations.models import COUNCIL_KINDS, Organisation, Person
from hub.peer_challenge.framework import current_framework
from hub.peer_challenge.models import (
    DEADLINE_MONTHS,
    Challenge,
    ChallengeStatus,
    CouncilLead,
    Deadline,
    PeerRole,
    PeerTeamMember,
)
from hub.peer_challenge.rules import is_council_lead


class ChallengeError(Exception):
    """A change to a challenge, its team or leads that the rules refuse."""


# Reading -------------------------------------------------------------------------------------


def councils() -> QuerySet[Organisation]:
    """Current councils from the register, the only organisations a challenge can review."""
    return Organisation.objects.filter(is_current=True, kind__in=COUNCIL_KINDS).order_by("name")


def visible_challenges(user) -> QuerySet[Challenge]:
    """The challenges `user` may see: programme staff all of them; peers and council leads
    their own; everyone the published ones."""
    challenges = Challenge.objects.select_related("organisation")
    if is_programme_staff.test(user):
        return challenges
    visible = Q(report_published_at__isnull=False)
    if user.is_authenticated:
        visible |= Q(pk__in=PeerTeamMember.objects.filter(person__user=user).values("challenge"))
        visible |= Q(pk__in=CouncilLead.objects.filter(person__user=user).values("challenge"))
    return challenges.filter(visible)


def filtered(challenges: QuerySet[Challenge], *, status="", region="", kind="") -> QuerySet:
    if status:
        challenges = challenges.filter(status=status)
    if region:
        challenges = challenges.filter(organisation__region=region)
    if kind:
        challenges = challenges.filter(organisation__kind=kind)
    return challenges


def team(challenge: Challenge) -> list[PeerTeamMember]:
    """The peer team, lead peer first, then by role and name."""
    members = challenge.peers.select_related("person__organisation", "person__user")
    order = list(PeerRole.values)
    return sorted(members, key=lambda m: (order.index(m.role), m.person.full_name))


def council_leads(challenge: Challenge) -> QuerySet[CouncilLead]:
    return challenge.council_leads.select_related("person__user")


def with_people(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """Challenges with their lead peer prefetched, for lists."""
    return challenges.prefetch_related(
        Prefetch(
            "peers",
            queryset=PeerTeamMember.objects.filter(role=PeerRole.LEAD_PEER).select_related(
                "person"
            ),
            to_attr="lead_peers",
        )
    )


def deadline_dates(challenge: Challenge) -> dict[Deadline, date]:
    """When each step of the cycle falls due: calendar months after the on-site visit ends
    (31 August + 3 months is 30 November)."""
    return {
        deadline: add_months(challenge.on_site_ends_on, months)
        for deadline, months in DEADLINE_MONTHS.items()
    }


def may_edit_position(user, challenge: Challenge) -> bool:
    """The council's leads and programme staff write the council's position statement."""
    return (is_council_lead | is_programme_staff).test(user, challenge)


# Setting up ----------------------------------------------------------------------------------


# Addresses under /peer-challenge/ that are not challenges.
RESERVED_SLUGS = {"framework", "deadlines", "learning", "new"}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200].strip("-") or "peer-challenge"
    taken = RESERVED_SLUGS | set(
        Challenge.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def default_title(council: Organisation) -> str:
    return f"Corporate peer challenge of {council.name}"


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ChallengeError("The on-site visit must end on or after the day it starts")


@transaction.atomic
def challenge_create(
    *,
    organisation: Organisation,
    title: str,
    on_site_starts_on: date,
    on_site_ends_on: date,
    scoping_meeting_on: date | None,
    by,
) -> Challenge:
    """A challenge of a current council, on the published version of the lines of enquiry."""
    if not organisation.is_current or organisation.kind not in COUNCIL_KINDS:
        raise ChallengeError(f"{organisation.name} is not a current council")
    _check_dates(on_site_starts_on, on_site_ends_on)
    framework = current_framework()
    if framework is None:
        raise ChallengeError("No version of the lines of enquiry is published")
    title = title.strip() or default_title(organisation)
    return Challenge.objects.create(
        organisation=organisation,
        framework=framework,
        title=title,
        slug=_unique_slug(title),
        on_site_starts_on=on_site_starts_on,
        on_site_ends_on=on_site_ends_on,
        scoping_meeting_on=scoping_meeting_on,
        created_by=by if by and by.is_authenticated else None,
    )


@transaction.atomic
def challenge_update(
    *,
    challenge: Challenge,
    title: str,
    on_site_starts_on: date,
    on_site_ends_on: date,
    scoping_meeting_on: date | None,
) -> Challenge:
    """Change the title and dates; the address stays the same, so links already sent work."""
    _check_dates(on_site_starts_on, on_site_ends_on)
    challenge.title = title.strip() or default_title(challenge.organisation)
    challenge.on_site_starts_on = on_site_starts_on
    challenge.on_site_ends_on = on_site_ends_on
    challenge.scoping_meeting_on = scoping_meeting_on
    challenge.save(
        update_fields=[
            "title",
            "on_site_starts_on",
            "on_site_ends_on",
            "scoping_meeting_on",
            "updated_at",
        ]
    )
    return challenge


# NEXT[status] is the status a challenge moves on to through the visit; publishing the report
# and closing are their own steps.
NEXT_STATUS = {
    ChallengeStatus.SCOPING: ChallengeStatus.ON_SITE,
    ChallengeStatus.ON_SITE: ChallengeStatus.REPORTING,
}


@transaction.atomic
def challenge_status_advance(*, challenge: Challenge) -> Challenge:
    """Scoping -> on site -> writing the report."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    following = NEXT_STATUS.get(challenge.status)
    if following is None:
        raise ChallengeError(
            f"The challenge is at “{challenge.get_status_display()}”: it moves on from here "
            "when the council publishes the report"
        )
    challenge.status = following
    challenge.save(update_fields=["status", "updated_at"])
    return challenge


# The team and the council's leads ------------------------------------------------------------


def _email_added(person: Person, challenge: Challenge, *, as_what: str, by) -> None:
    if person.user_id is None or not person.user.email:
        return
    inviter = getattr(getattr(by, "person", None), "full_name", None) or "The programme team"
    link = absolute_url(reverse("peer_challenge:detail", args=[challenge.slug]))
    email_on_commit(
        to=[person.user.email],
        subject=f"You are {as_what} for {challenge.title}",
        body=(
            f"{inviter} has added you as {as_what} for “{challenge.title}”, the corporate peer "
            f"challenge of {challenge.organisation.name}.\n\n"
            "Everything about the challenge is confidential to the peer team, the council's "
            "leads and the programme team until the council publishes the report.\n\n"
            f"See the challenge: {link}\n"
        ),
    )


@transaction.atomic
def peer_add(*, challenge: Challenge, person: Person, role: str, by) -> PeerTeamMember:
    """Add a peer from the register, and email them if they have an account."""
    challenge = (
        Challenge.objects.select_for_update().select_related("organisation").get(pk=challenge.pk)
    )
    if person.organisation_id == challenge.organisation_id:
        raise ChallengeError(
            f"{person.full_name} works for {challenge.organisation.name}, the council under "
            "review: a peer must come from another organisation"
        )
    if role == PeerRole.LEAD_PEER:
        lead = challenge.peers.filter(role=PeerRole.LEAD_PEER).select_related("person").first()
        if lead is not None:
            raise ChallengeError(
                f"{lead.person.full_name} is already the lead peer: a challenge has one lead "
                "peer. Remove them first, or add this person in another role."
            )
    try:
        with transaction.atomic():
            member = PeerTeamMember.objects.create(challenge=challenge, person=person, role=role)
    except IntegrityError as error:
        raise ChallengeError(f"{person.full_name} is already on the peer team") from error
    _email_added(person, challenge, as_what=f"a peer ({member.get_role_display().lower()})", by=by)
    return member


@transaction.atomic
def peer_remove(*, member: PeerTeamMember) -> None:
    member.delete()


@transaction.atomic
def council_lead_add(*, challenge: Challenge, person: Person, by) -> CouncilLead:
    """Nominate someone of the reviewed council, and email them if they have an account."""
    if person.organisation_id != challenge.organisation_id:
        raise ChallengeError(
            f"{person.full_name} does not work for {challenge.organisation.name}: the council's "
            "leads come from the council under review"
        )
    try:
        with transaction.atomic():
            lead = CouncilLead.objects.create(challenge=challenge, person=person)
    except IntegrityError as error:
        raise ChallengeError(f"{person.full_name} is already one of the council's leads") from error
    _email_added(person, challenge, as_what="a lead for the council", by=by)
    return lead


@transaction.atomic
def council_lead_remove(*, lead: CouncilLead) -> None:
    lead.delete()


# Scoping and the position statement ----------------------------------------------------------


@transaction.atomic
def scoping_update(*, challenge: Challenge, scoping_meeting_on: date | None, notes: str) -> None:
    challenge.scoping_meeting_on = scoping_meeting_on
    challenge.scoping_notes = notes
    challenge.save(update_fields=["scoping_meeting_on", "scoping_notes", "updated_at"])


@transaction.atomic
def position_update(
    *, challenge: Challenge, statement: str, from_assessment_id: int | None = None
) -> None:
    challenge.position_statement = statement
    fields = ["position_statement", "updated_at"]
    if from_assessment_id is not None:
        challenge.position_from_assessment_id = from_assessment_id
        fields.append("position_from_assessment_id")
    challenge.save(update_fields=fields)


def latest_closed_assessment(organisation: Organisation) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation=organisation, status=AssessmentStatus.CLOSED)
        .select_related("framework")
        .order_by("-closed_at", "-pk")
        .first()
    )


def assessment_summary(assessment: Assessment) -> str:
    """A Markdown summary of a closed self-assessment: each capability's score out of 100,
    then the strongest and weakest."""
    scores = [entry for entry in capability_scores(assessment) if entry.score is not None]
    closed = ""
    if assessment.closed_at:
        day = timezone.localdate(assessment.closed_at)
        closed = f" (closed {day.day} {day:%B %Y})"
    lines = [
        "## From our latest self-assessment",
        "",
        f"Our digital leadership self-assessment, “{assessment.title}”{closed}, scored our "
        "capabilities out of 100:",
        "",
        *(f"- {entry.title}: {round(entry.score)}" for entry in scores),
    ]
    if scores:
        strongest = max(scores, key=lambda entry: entry.score)
        weakest = min(scores, key=lambda entry: entry.score)
        lines += [
            "",
            f"Our strongest capability is {strongest.title} ({round(strongest.score)} out of "
            f"100); our weakest is {weakest.title} ({round(weakest.score)} out of 100).",
        ]
    return "\n".join(lines) + "\n"


@transaction.atomic
def position_from_assessment(*, challenge: Challenge) -> Assessment:
    """Fill the position statement with a summary of the council's latest closed
    self-assessment (kept above what was already written)."""
    assessment = latest_closed_assessment(challenge.organisation)
    if assessment is None:
        raise ChallengeError(
            f"{challenge.organisation.name} has no closed self-assessment to start from"
        )
    summary = assessment_summary(assessment)
    existing = challenge.position_statement.strip()
    statement = summary + ("\n" + existing + "\n" if existing else "")
    position_update(challenge=challenge, statement=statement, from_assessment_id=assessment.pk)
    return assessment
