"""Support plans: from a team's weakest capabilities, the programme elements the Hub recommends,
each with a reason naming the capability and the team's score; and the lead's decisions.

For each weak capability: an academy module covering it, an upcoming public event in the
council's region, mentoring by the best-matched champion and two good-practice cases found by
the one search service; and once, for the weakest, a corporate peer challenge. Other apps are
read through their selectors and services only; their records are kept by id, title and link.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from hub.academies.models import AcademyKind, Module
from hub.assessment import scoring
from hub.assessment.models import (
    Assessment,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    SupportPlan,
    TeamRole,
)
from hub.cases.filters import CaseQuery
from hub.cases.selectors import case_search, published_resources
from hub.champions import matching
from hub.champions.models import ChampionProfile
from hub.events.models import EventKind, EventStatus
from hub.events.selectors import visible_events

# The plan covers the lowest WEAKEST_COUNT capabilities, or every one scoring under WEAK_BELOW
# when there are more, but never more than MOST_WEAK: a plan of everything is no plan.
WEAKEST_COUNT = 2
WEAK_BELOW = 50
MOST_WEAK = 3
MODULES_PER_CAPABILITY = 1
CASES_PER_CAPABILITY = 2
# Searched cases looked at per capability, so two new ones remain after those already chosen.
CASE_CANDIDATES = 20

DECIDED = (
    RecommendationStatus.ACCEPTED,
    RecommendationStatus.SCHEDULED,
    RecommendationStatus.REJECTED,
    RecommendationStatus.DONE,
)
CAN_BE_DONE = (RecommendationStatus.ACCEPTED, RecommendationStatus.SCHEDULED)
RANK_WORDS = {1: "the lowest", 2: "the second lowest", 3: "the third lowest"}


class PlanError(Exception):
    """A plan that cannot be made, or a decision that cannot be recorded; says why."""


@dataclass(frozen=True)
class WeakCapability:
    code: str
    title: str
    description: str
    score: float
    rank: int  # 1 for the lowest
    of: int  # how many capabilities were scored

    @property
    def reason(self) -> str:
        """ "Your team scored 38 out of 100 on Buying technology well, the lowest of your six
        capabilities"."""
        return (
            f"Your team scored {round(self.score)} out of 100 on {self.title}, "
            f"{RANK_WORDS.get(self.rank, 'one of the lowest')} of your {apnumber(self.of)} "
            "capabilities"
        )

    @property
    def query(self) -> str:
        return f"{self.title} {self.description}"


@dataclass(frozen=True)
class Proposal:
    kind: str
    capability: WeakCapability
    title: str
    reason: str
    url: str = ""
    target_id: int | None = None

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.kind, self.target_id)


def weakest_capabilities(assessment: Assessment) -> list[WeakCapability]:
    """The capabilities the plan covers, lowest first (see WEAKEST_COUNT and WEAK_BELOW)."""
    scored = [c for c in scoring.capability_scores(assessment) if c.score is not None]
    scored.sort(key=lambda c: (c.score, c.order))
    under = sum(1 for c in scored if c.score < WEAK_BELOW)
    chosen = scored[: min(max(WEAKEST_COUNT, under), MOST_WEAK)]
    descriptions = dict(assessment.framework.capabilities.values_list("code", "description"))
    return [
        WeakCapability(c.code, c.title, descriptions.get(c.code, ""), c.score, rank, len(scored))
        for rank, c in enumerate(chosen, start=1)
    ]


def preferred_academy(assessment: Assessment) -> str:
    """The Member Leadership Academy when most of the team are councillors, else Digital."""
    members = list(assessment.members.values_list("team_role", flat=True))
    councillors = sum(1 for role in members if role == TeamRole.COUNCILLOR)
    return AcademyKind.MEMBER if councillors * 2 > len(members) else AcademyKind.DIGITAL


def _modules(weak: WeakCapability, academy: str) -> list[Proposal]:
    modules = list(
        Module.objects.filter(is_published=True, outcomes__code=weak.code).order_by(
            "order", "title", "pk"
        )
    )
    # The team's own academy first, then any other.
    modules.sort(key=lambda module: module.academy != academy)
    return [
        Proposal(
            RecommendationKind.ACADEMY_MODULE,
            weak,
            module.title,
            f"{weak.reason}. This {module.get_academy_display()} module covers it.",
            module.get_absolute_url(),
            module.pk,
        )
        for module in modules[:MODULES_PER_CAPABILITY]
    ]


def upcoming_regional_events(assessment: Assessment):
    """Upcoming round tables and open sessions in the council's region that ANYONE may see:
    the plan is read by the whole team and printed, so no invitation-only event appears."""
    region = assessment.organisation.region
    if not region:
        return []
    return list(
        visible_events(AnonymousUser())
        .filter(
            region=region,
            status=EventStatus.SCHEDULED,
            kind__in=(EventKind.ROUND_TABLE, EventKind.OPEN_SESSION),
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at", "pk")
    )


def _event(weak: WeakCapability, event) -> Proposal:
    when = dateformat.format(timezone.localtime(event.starts_at), "j F Y")
    return Proposal(
        RecommendationKind.ROUND_TABLE,
        weak,
        event.title,
        f"{weak.reason}. This {event.get_kind_display().lower()} in {event.region} on {when} is "
        "a chance to talk it through with leaders of other councils.",
        event.get_absolute_url(),
        event.pk,
    )


def _mentoring(weak, organisation, champions, exclude) -> list[Proposal]:
    facts = matching.problem_facts(weak.query, organisation=organisation, champions=champions)
    best = matching.rank(facts, champions, exclude=exclude, limit=1)
    if not best:
        return []
    champion = best[0].champion
    because = "; ".join(best[0].reasons) or "the closest match among champions with room"
    return [
        Proposal(
            RecommendationKind.MENTORING,
            weak,
            f"Mentoring by {champion.name}",
            f"{weak.reason}. {champion.name}, a digital champion, could mentor your team. "
            f"Why this champion: {because}.",
            reverse("champions:detail", args=[champion.slug]) if champion.slug else "",
            champion.pk,
        )
    ]


def _peer_challenge(weak: WeakCapability) -> Proposal:
    return Proposal(
        RecommendationKind.PEER_CHALLENGE,
        weak,
        "Request one from the programme team",
        f"{weak.reason}. In a corporate peer challenge, councillors and officers from other "
        "councils spend time with yours and look at this with you. To request one, contact the "
        "programme team: they arrange each peer challenge with the council.",
    )


def _cases(weak: WeakCapability, taken: set[int]) -> list[Proposal]:
    found = case_search(CaseQuery(q=weak.query), with_facets=False)
    ids = [pk for pk in found.ordered_ids(limit=CASE_CANDIDATES) if pk not in taken]
    ids = ids[:CASES_PER_CAPABILITY]
    records = published_resources().in_bulk(ids)
    return [
        Proposal(
            RecommendationKind.CASE,
            weak,
            records[pk].title,
            f"{weak.reason}. This good-practice case shows how another organisation went about it.",
            records[pk].get_absolute_url(),
            pk,
        )
        for pk in ids
        if pk in records
    ]


def proposals(assessment: Assessment, *, user=None) -> list[Proposal]:
    """Everything the Hub recommends for the assessment, weakest capability first."""
    weak = weakest_capabilities(assessment)
    if not weak:
        raise PlanError(
            "Nobody on the team has submitted their answers yet, so there are no scores to "
            "make a plan from."
        )
    academy = preferred_academy(assessment)
    events = upcoming_regional_events(assessment)
    champions = matching.champion_facts()
    exclude = matching.excluded_for(user) | set(
        ChampionProfile.objects.filter(
            person__user__assessment_memberships__assessment=assessment
        ).values_list("pk", flat=True)
    )
    made: list[Proposal] = []
    cases_taken: set[int] = set()
    for index, capability in enumerate(weak):
        made += _modules(capability, academy)
        if index < len(events):
            made.append(_event(capability, events[index]))
        mentoring = _mentoring(capability, assessment.organisation, champions, exclude)
        exclude |= {proposal.target_id for proposal in mentoring}
        made += mentoring
        if index == 0:
            made.append(_peer_challenge(capability))
        cases = _cases(capability, cases_taken)
        cases_taken |= {proposal.target_id for proposal in cases}
        made += cases
    # One recommendation a target, even if two capabilities found it.
    unique: dict[tuple, Proposal] = {}
    for proposal in made:
        unique.setdefault(proposal.key, proposal)
    return list(unique.values())


@transaction.atomic
def support_plan_generate(*, assessment: Assessment, by) -> SupportPlan:
    """Make or remake the plan. Decisions already made are kept: a decided recommendation
    stays as it is; undecided ones are replaced by what the Hub recommends now."""
    made = proposals(assessment, user=by)
    plan, created = SupportPlan.objects.select_for_update().get_or_create(assessment=assessment)
    if not created:
        SupportPlan.objects.filter(pk=plan.pk).update(generated_at=timezone.now())
        plan.refresh_from_db()
    existing = {(item.kind, item.target_id): item for item in plan.items.all()}
    wanted = {proposal.key for proposal in made}
    for key, item in existing.items():
        if key not in wanted and item.status == RecommendationStatus.PROPOSED:
            item.delete()
    for order, proposal in enumerate(made):
        item = existing.get(proposal.key)
        fields = {
            "capability_code": proposal.capability.code,
            "capability_title": proposal.capability.title,
            "title": proposal.title,
            "reason": proposal.reason,
            "url": proposal.url,
        }
        if item is None:
            Recommendation.objects.create(
                plan=plan,
                kind=proposal.kind,
                target_id=proposal.target_id,
                order=order,
                **fields,
            )
        elif item.status == RecommendationStatus.PROPOSED:
            for name, value in fields.items():
                setattr(item, name, value)
            item.order = order
            item.save()
        else:
            item.order = order
            item.save(update_fields=["order", "updated_at"])
    # Decided items the Hub would no longer recommend stay, after the rest.
    for offset, item in enumerate(
        item for key, item in existing.items() if key not in wanted and item.status in DECIDED
    ):
        item.order = len(made) + offset
        item.save(update_fields=["order", "updated_at"])
    return plan


ACCEPT = "accept"
REJECT = "reject"
SCHEDULE = "schedule"
DONE = "done"
DECISIONS = {
    ACCEPT: "Accept it",
    SCHEDULE: "Schedule it for a date",
    REJECT: "Reject it",
    DONE: "Mark it done",
}


@transaction.atomic
def recommendation_decide(
    *, item: Recommendation, by, decision: str, note: str = "", scheduled_for=None
) -> Recommendation:
    """The lead's decision on one recommendation."""
    item = Recommendation.objects.select_for_update().get(pk=item.pk)
    note = note.strip()
    if decision == ACCEPT:
        item.status, item.scheduled_for, item.note = RecommendationStatus.ACCEPTED, None, note
    elif decision == REJECT:
        if not note:
            raise PlanError("Enter why you are rejecting it")
        item.status, item.scheduled_for, item.note = RecommendationStatus.REJECTED, None, note
    elif decision == SCHEDULE:
        if scheduled_for is None:
            raise PlanError("Enter the date it is scheduled for")
        item.status, item.scheduled_for, item.note = (
            RecommendationStatus.SCHEDULED,
            scheduled_for,
            note,
        )
    elif decision == DONE:
        if item.status not in CAN_BE_DONE and item.status != RecommendationStatus.DONE:
            raise PlanError("Accept or schedule it before marking it done")
        item.status = RecommendationStatus.DONE
        item.note = note or item.note
    else:
        raise PlanError("Select what to do with it")
    item.decided_by = by
    item.decided_at = timezone.now()
    item.save()
    return item


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def text(self) -> str:
        return f"{self.done} of {self.total} done"


def plan_progress(items) -> Progress:
    """Done out of everything not rejected: a rejected item will never be done."""
    kept = [item for item in items if item.status != RecommendationStatus.REJECTED]
    return Progress(
        done=sum(1 for item in kept if item.status == RecommendationStatus.DONE), total=len(kept)
    )
