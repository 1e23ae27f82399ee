"""Signposts for a finding: good practice already done elsewhere and champions who led similar
work, proposed by the Hub, then kept, dropped and put in order by the peers.

Cases come from the one search service (hub.cases.selectors.case_search) with the finding's
title, detail and recommendations as the query; cases in the finding's service areas are
candidates too, even when its words do not find them. A case needs MIN_RELEVANCE or a shared
service area to be proposed at all. The search's score (over the best case's, so 0..1) is then
re-ranked by a small documented boost:

    score = relative search score
            + SERVICE_AREA_BOOST  if the case shares a service area with the finding
            + SAME_KIND_BOOST     if its lead organisation is of the reviewed council's kind
            + SAME_REGION_BOOST   if it is in the reviewed council's region

Cases the reviewed council led itself are left out: a signpost points elsewhere.

Champions are matched by hub.champions.matching with the finding's text as the problem and
the reviewed council as the mentee's organisation (the finding's own service areas added to
what the search finds). Those who led a case the text finds come first; any other must fit at
least matching.MIN_FIT. Champions of the reviewed council or on its peer team are left out.

Suggesting again never changes or removes a signpost already there (its decision and place are
the peers'): it only adds new proposals after them. Only kept signposts reach the report.
"""

import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from hub.cases.filters import CaseQuery
from hub.cases.selectors import case_search, published_resources
from hub.champions import matching
from hub.champions.models import ChampionProfile
from hub.organisations.models import Organisation, Region
from hub.peer_challenge.models import Finding, Signpost, SignpostKind, SignpostStatus

CASES = 5
CHAMPIONS = 2
# Searched (and same-service-area) cases looked at before re-ranking.
CASE_CANDIDATES = 50
# A case the words barely find (under MIN_RELEVANCE of the best) is left out unless it shares
# a service area with the finding: a council like the reviewed one is no reason on its own.
MIN_RELEVANCE = 0.05
SERVICE_AREA_BOOST = 0.3
SAME_KIND_BOOST = 0.15
SAME_REGION_BOOST = 0.1

FROZEN = "The report is published, so its signposts can no longer change"
UP = "up"
DOWN = "down"
# Regions named without "the": "in London", but "in the North West".
_NO_ARTICLE = {Region.LONDON, Region.SCOTLAND, Region.WALES, Region.NORTHERN_IRELAND}
_LIST_MARK = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+")
# A minus before a word would leave out the records holding it (hub.search.query).
_MINUS = re.compile(r"(?:^|(?<=\s))-+")


class SignpostError(Exception):
    """A decision about a signpost that cannot be recorded; says why."""


@dataclass(frozen=True)
class Proposal:
    kind: str
    target_id: int
    title: str
    url: str
    reason: str
    score: float

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.target_id)


def finding_text(finding: Finding) -> str:
    """The query: the finding's title, detail and recommendations, without list marks (a
    "-word" would otherwise leave out the cases holding that word)."""
    text = f"{finding.title}\n{finding.detail}\n{finding.recommendations}"
    return _MINUS.sub(" ", _LIST_MARK.sub(" ", text))


def in_region(region: str) -> str:
    return f"in {region}" if region in _NO_ARTICLE else f"in the {region}"


def kind_words(organisation: Organisation) -> str:
    """ "a unitary authority", "a London borough"."""
    label = organisation.get_kind_display()
    if not label.startswith("London"):
        label = label.lower()
    article = "an" if label[:1].lower() in "aeiou" and not label.startswith("u") else "a"
    return f"{article} {label}"


def _council_reason(case_org: Organisation | None, council: Organisation) -> tuple[bool, bool, str]:
    if case_org is None:
        return False, False, ""
    same_kind = bool(council.kind) and case_org.kind == council.kind
    same_region = bool(council.region) and case_org.region == council.region
    if same_kind and same_region:
        reason = f"{kind_words(case_org)} {in_region(case_org.region)}"
    elif same_kind:
        reason = f"also {kind_words(case_org)}"
    elif same_region:
        reason = f"also {in_region(case_org.region)}"
    else:
        reason = ""
    return same_kind, same_region, reason


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def case_proposals(finding: Finding, text: str) -> list[Proposal]:
    council = finding.challenge.organisation
    areas = {area.lgsl_code: area.label for area in finding.service_areas.all()}
    found = case_search(CaseQuery(q=text), with_facets=False)
    hits = found.search_result.hits if found.search_result else []
    best = max((hit.score for hit in hits), default=0.0)
    hit_scores = {hit.object_id: hit.score for hit in hits}
    scores: dict[int, float] = {
        pk: (max(hit_scores.get(pk, 0.0), 0.0) / best if best > 0 else 0.0)
        for pk in found.ordered_ids(limit=CASE_CANDIDATES)
    }
    if areas:
        in_areas = case_search(CaseQuery(service_area=tuple(areas)), with_facets=False)
        for pk in in_areas.ordered_ids(limit=CASE_CANDIDATES):
            scores.setdefault(pk, 0.0)
    records = (
        published_resources()
        .filter(pk__in=list(scores))
        .select_related("lead_organisation")
        .prefetch_related("service_areas")
    )
    made = []
    for record in records:
        if record.lead_organisation_id == council.pk:
            continue
        shared = sorted(
            area.label for area in record.service_areas.all() if area.lgsl_code in areas
        )
        if not shared and scores[record.pk] < MIN_RELEVANCE:
            continue
        same_kind, same_region, council_reason = _council_reason(record.lead_organisation, council)
        score = (
            scores[record.pk]
            + SERVICE_AREA_BOOST * bool(shared)
            + SAME_KIND_BOOST * same_kind
            + SAME_REGION_BOOST * same_region
        )
        reasons = []
        if shared:
            reasons.append(f"Same service area: {', '.join(shared[:2])}")
        if council_reason:
            reasons.append(council_reason)
        if not reasons:
            reasons.append("close to the finding's words")
        made.append(
            Proposal(
                SignpostKind.CASE,
                record.pk,
                record.title,
                record.get_absolute_url(),
                _sentence("; ".join(reasons)),
                score,
            )
        )
    made.sort(key=lambda proposal: (-round(proposal.score, 9), proposal.target_id))
    return made[:CASES]


def champion_proposals(finding: Finding, text: str) -> list[Proposal]:
    challenge = finding.challenge
    champions = matching.champion_facts()
    if not champions:
        return []
    facts = matching.problem_facts(text, organisation=challenge.organisation, champions=champions)
    own_areas = {area.pk: area.label for area in finding.service_areas.all()}
    facts = replace(facts, service_areas={**facts.service_areas, **own_areas})
    exclude = set(
        ChampionProfile.objects.filter(
            Q(person__organisation_id=challenge.organisation_id)
            | Q(person__peer_roles__challenge=challenge)
        ).values_list("pk", flat=True)
    )
    ranked = [
        suggestion
        for suggestion in matching.rank(facts, champions, exclude=exclude, limit=None)
        if suggestion.components["led_case"] > 0 or suggestion.score >= matching.MIN_FIT
    ]
    # Those who led similar work first; the rank's order otherwise (sort is stable).
    ranked.sort(key=lambda suggestion: suggestion.components["led_case"] <= 0)
    return [
        Proposal(
            SignpostKind.CHAMPION,
            suggestion.champion.pk,
            suggestion.champion.name,
            reverse("champions:detail", args=[suggestion.champion.slug])
            if suggestion.champion.slug
            else "",
            "; ".join(suggestion.reasons) or "The closest match among champions with room",
            suggestion.score,
        )
        for suggestion in ranked[:CHAMPIONS]
    ]


def propose(finding: Finding) -> list[Proposal]:
    """What the Hub proposes for the finding now: up to CASES cases, then CHAMPIONS champions."""
    text = finding_text(finding)
    return case_proposals(finding, text) + champion_proposals(finding, text)


@transaction.atomic
def suggest(finding: Finding) -> list[Signpost]:
    """Add the proposals not there yet, after those already there (kept as they are)."""
    if finding.challenge.is_published:
        raise SignpostError(FROZEN)
    existing = list(Signpost.objects.select_for_update().filter(finding=finding))
    taken = {(signpost.kind, signpost.target_id) for signpost in existing}
    position = max((signpost.position for signpost in existing), default=-1) + 1
    added = []
    for proposal in propose(finding):
        if proposal.key in taken:
            continue
        added.append(
            Signpost.objects.create(
                finding=finding,
                kind=proposal.kind,
                target_id=proposal.target_id,
                title=proposal.title[:300],
                url=proposal.url,
                reason=proposal.reason,
                position=position,
            )
        )
        taken.add(proposal.key)
        position += 1
    return added


def _locked(signpost: Signpost) -> Signpost:
    signpost = (
        Signpost.objects.select_for_update()
        .select_related("finding__challenge")
        .get(pk=signpost.pk)
    )
    if signpost.finding.challenge.is_published:
        raise SignpostError(FROZEN)
    return signpost


@transaction.atomic
def signpost_decide(*, signpost: Signpost, status: str) -> Signpost:
    """Keep or drop a signpost (a dropped one can be kept again, and the other way)."""
    if status not in (SignpostStatus.KEPT, SignpostStatus.DROPPED):
        raise SignpostError("Select keep or drop")
    signpost = _locked(signpost)
    signpost.status = status
    signpost.save(update_fields=["status", "updated_at"])
    return signpost


@transaction.atomic
def signpost_move(*, signpost: Signpost, direction: str) -> Signpost:
    """Move a kept signpost above (UP) or below (DOWN) the kept one next to it. Positions of
    all the finding's signposts are renumbered 0, 1, 2... in their order, then two swap."""
    if direction not in (UP, DOWN):
        raise SignpostError("Choose to move it up or down")
    signpost = _locked(signpost)
    if signpost.status != SignpostStatus.KEPT:
        raise SignpostError("Keep a signpost before putting it in order")
    ordered = list(
        Signpost.objects.select_for_update()
        .filter(finding_id=signpost.finding_id)
        .order_by("position", "pk")
    )
    kept = [item for item in ordered if item.status == SignpostStatus.KEPT]
    index = next(i for i, item in enumerate(kept) if item.pk == signpost.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(kept):
        raise SignpostError(
            f"It is already the {'first' if direction == UP else 'last'} kept signpost"
        )
    a, b = ordered.index(kept[index]), ordered.index(kept[other])
    ordered[a], ordered[b] = ordered[b], ordered[a]
    for position, item in enumerate(ordered):
        item.position = position
    Signpost.objects.bulk_update(ordered, ["position"])
    return next(item for item in ordered if item.pk == signpost.pk)
