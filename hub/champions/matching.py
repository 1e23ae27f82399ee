"""Matching leaders to champions: a fit score with its reasons, and the optimal assignment of a
cohort to champions with capacities.

The scoring is pure: `score_champion(problem, champion)` works on plain facts
(`ProblemFacts`, `ChampionFacts`), so it is tested without a database. The facts are read
from the database by `problem_facts` and `champion_facts`, through the one search service:
the problem is searched against champions' profiles (semantic when there is a model, else
lexical) and against the good practice database, whose matching cases say which champion led
work on the same problem and which service areas the problem is about.

`batch_assign` pairs many mentees with many champions to maximise the total fit, with
`scipy.optimize.linear_sum_assignment` over the champions repeated by their spare capacity.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from scipy.optimize import linear_sum_assignment

from hub.cases.models import Resource, Status
from hub.champions.models import (
    ACTIVE_MENTORING,
    ChampionProfile,
    DismissedSuggestion,
    Mentoring,
    ProfileStatus,
)
from hub.search import selectors, vocabulary
from hub.search.query import parse_query

CHAMPION_KIND = "champion"
CASE_KIND = "case"

# What each part of the fit counts for; the parts are each 0..1, so a fit is 0..1 too.
# Experience of the same problem counts most: the profile's text close to the problem, and
# above all a case the champion led that the problem's words find. Then the service areas in
# common; a council like the mentee's (kind, then size) and the same region help a
# conversation but are not expertise; systems in common; a champion with room is preferred.
WEIGHTS = {
    "problem": 0.30,
    "led_case": 0.30,
    "service_areas": 0.15,
    "council": 0.10,
    "region": 0.05,
    "systems": 0.05,
    "load": 0.05,
}
# Below this a pair is not worth suggesting in a batch: it is left unassigned instead.
MIN_FIT = 0.15
# How many of the best matching cases give the problem its service areas.
CASES_FOR_AREAS = 3
# Searched hits kept per search (champions and cases).
CANDIDATES = 200
# Populations within a factor of SIZE_SPAN count as somewhat alike; within 2x as similar.
SIZE_SPAN = 4.0
SIMILAR_SIZE = 0.5


# --- Facts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChampionFacts:
    pk: int
    name: str
    slug: str = ""
    role_summary: str = ""
    organisation: str = ""
    organisation_kind: str = ""
    organisation_kind_label: str = ""
    population: int | None = None
    region: str = ""
    service_areas: dict[int, str] = field(default_factory=dict)
    technologies: dict[int, str] = field(default_factory=dict)
    cases_led: dict[int, str] = field(default_factory=dict)
    capacity: int = 0
    open_mentorings: int = 0

    @property
    def spare(self) -> int:
        return max(self.capacity - self.open_mentorings, 0)


@dataclass(frozen=True)
class ProblemFacts:
    text: str
    # Champion pk -> how close the profile is to the problem, 0..1 (1 for the closest).
    similarity: dict[int, float] = field(default_factory=dict)
    # Case (resource) pk -> how well the problem finds it, 0..1 (1 for the best case).
    cases: dict[int, float] = field(default_factory=dict)
    service_areas: dict[int, str] = field(default_factory=dict)
    technologies: dict[int, str] = field(default_factory=dict)
    organisation_kind: str = ""
    population: int | None = None
    region: str = ""


@dataclass(frozen=True)
class Suggestion:
    champion: ChampionFacts
    score: float
    components: dict[str, float]
    reasons: tuple[str, ...]


# --- Scoring (pure) -------------------------------------------------------------------------


def size_similarity(a: int | None, b: int | None) -> float:
    """1 for the same population, 0 at SIZE_SPAN times apart or more; 0 when one is unknown."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - abs(math.log(a / b)) / math.log(SIZE_SPAN))


def _labels(items: dict[int, str], keys: Iterable[int], most: int = 2) -> str:
    return ", ".join(sorted(items[key] for key in keys)[:most])


def room_text(spare: int) -> str:
    return f"Can take {spare} more {'mentee' if spare == 1 else 'mentees'}"


def _council(problem: ProblemFacts, champion: ChampionFacts) -> tuple[float, str]:
    """How alike the two councils are (kind counts 0.6, size 0.4), and the reason to show."""
    same_kind = bool(champion.organisation_kind) and (
        champion.organisation_kind == problem.organisation_kind
    )
    size = size_similarity(champion.population, problem.population)
    kind = champion.organisation_kind_label.lower()
    if same_kind and size >= SIMILAR_SIZE:
        reason = f"Similar council: {kind}, similar size"
    elif same_kind:
        reason = f"Also a {kind}"
    else:
        reason = "Council of a similar size" if size >= SIMILAR_SIZE else ""
    return 0.6 * same_kind + 0.4 * size, reason


def score_champion(problem: ProblemFacts, champion: ChampionFacts) -> Suggestion:
    """The champion's fit to the problem: each part 0..1, the weighted sum, and the reasons."""
    parts: dict[str, float] = dict.fromkeys(WEIGHTS, 0.0)
    reasons: list[str] = []

    led = {pk: problem.cases[pk] for pk in champion.cases_led if pk in problem.cases}
    if led:
        best = max(led, key=lambda pk: (led[pk], -pk))
        parts["led_case"] = led[best]
        reasons.append(f"Led: {champion.cases_led[best]}")

    parts["problem"] = problem.similarity.get(champion.pk, 0.0)
    if parts["problem"] >= 0.5 and not led:
        reasons.append("Experience close to your problem")

    if problem.service_areas:
        shared = problem.service_areas.keys() & champion.service_areas.keys()
        parts["service_areas"] = len(shared) / len(problem.service_areas)
        if shared:
            reasons.append(f"Works on: {_labels(champion.service_areas, shared)}")

    parts["council"], reason = _council(problem, champion)
    if reason:
        reasons.append(reason)

    if champion.region and champion.region == problem.region:
        parts["region"] = 1.0
        reasons.append("Same region")

    if problem.technologies:
        shared = problem.technologies.keys() & champion.technologies.keys()
        parts["systems"] = min(len(shared), 2) / min(len(problem.technologies), 2)
        if shared:
            reasons.append(f"Knows: {_labels(champion.technologies, shared)}")

    parts["load"] = champion.spare / champion.capacity if champion.capacity else 0.0
    if champion.spare:
        reasons.append(room_text(champion.spare))

    score = sum(WEIGHTS[name] * value for name, value in parts.items())
    return Suggestion(champion=champion, score=score, components=parts, reasons=tuple(reasons))


def rank(
    problem: ProblemFacts,
    champions: Iterable[ChampionFacts],
    *,
    exclude: Iterable[int] = (),
    limit: int | None = 10,
) -> list[Suggestion]:
    """Champions with room, best fit first (ties by name, then pk); `exclude` left out."""
    left_out = set(exclude)
    scored = [
        score_champion(problem, champion)
        for champion in champions
        if champion.spare > 0 and champion.pk not in left_out
    ]
    scored.sort(key=lambda item: (-round(item.score, 9), item.champion.name, item.champion.pk))
    return scored if limit is None else scored[:limit]


# --- Batch assignment (pure) ----------------------------------------------------------------


@dataclass(frozen=True)
class MenteeNeed:
    key: str  # unique in the cohort, e.g. the email address
    name: str
    email: str = ""
    organisation: str = ""
    problem: str = ""


@dataclass(frozen=True)
class ChampionSlot:
    champion_id: int
    name: str
    capacity: int  # mentees this champion can still take


@dataclass(frozen=True)
class Pair:
    mentee: MenteeNeed
    champion: ChampionSlot
    score: float


Scores = np.ndarray | Callable[[MenteeNeed, ChampionSlot], float]


def score_matrix(
    mentees: Sequence[MenteeNeed], champions: Sequence[ChampionSlot], scores: Scores
) -> np.ndarray:
    if callable(scores):
        return np.array(
            [[scores(mentee, champion) for champion in champions] for mentee in mentees],
            dtype=np.float64,
        ).reshape(len(mentees), len(champions))
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.shape != (len(mentees), len(champions)):
        raise ValueError(f"scores are {matrix.shape}, not {len(mentees)} x {len(champions)}")
    return matrix


def batch_assign(
    mentees: Sequence[MenteeNeed],
    champions: Sequence[ChampionSlot],
    scores: Scores,
    *,
    min_fit: float = MIN_FIT,
) -> list[Pair]:
    """The pairs that maximise the total fit, each champion given at most its capacity and each
    mentee at most one champion; a pair fitting less than `min_fit` is never made.

    Each champion is repeated once per place it has (its "slots"), and the mentees x slots
    matrix is solved by `linear_sum_assignment`. A pair below `min_fit` scores 0 there, as
    leaving the mentee unassigned does, so the optimum with those pairs dropped is the optimum
    of the problem where a mentee may be left out. Mentees (by key) and champions (by id) are
    put in one order first, so the pairs do not depend on the order they were given in, and
    ties always fall the same way."""
    matrix = score_matrix(mentees, champions, scores)
    rows = sorted(range(len(mentees)), key=lambda i: mentees[i].key)
    columns = sorted(range(len(champions)), key=lambda j: champions[j].champion_id)
    capacities = np.array([max(champions[j].capacity, 0) for j in columns], dtype=np.int64)
    if not rows or not capacities.sum():
        return []
    ordered = matrix[np.ix_(rows, columns)]
    usable = np.where(ordered >= min_fit, ordered, 0.0)
    slots = np.repeat(np.arange(len(columns)), capacities)
    chosen_rows, chosen_slots = linear_sum_assignment(usable[:, slots], maximize=True)
    pairs = []
    for row, slot in zip(chosen_rows, chosen_slots, strict=True):
        column = int(slots[slot])
        if ordered[row, column] >= min_fit:
            mentee, champion = mentees[rows[row]], champions[columns[column]]
            pairs.append(Pair(mentee, champion, float(ordered[row, column])))
    return sorted(pairs, key=lambda pair: pair.mentee.key)


def unassigned(mentees: Sequence[MenteeNeed], pairs: Iterable[Pair]) -> list[MenteeNeed]:
    paired = {pair.mentee.key for pair in pairs}
    return [mentee for mentee in mentees if mentee.key not in paired]


# --- Facts from the database ----------------------------------------------------------------


def matchable_champions():
    """Approved champions taking mentees, with what scoring reads, in a few queries."""
    return (
        ChampionProfile.objects.filter(status=ProfileStatus.APPROVED, available=True)
        .select_related("person__organisation")
        .prefetch_related(
            "service_areas",
            "technologies",
            Prefetch("cases_led", queryset=Resource.objects.only("pk", "title")),
        )
        .annotate(
            open_mentorings=Count(
                "mentorings", filter=Q(mentorings__status__in=ACTIVE_MENTORING), distinct=True
            )
        )
        .order_by("pk")
    )


def champion_facts(profiles: Iterable[ChampionProfile] | None = None) -> list[ChampionFacts]:
    profiles = matchable_champions() if profiles is None else profiles
    facts = []
    for profile in profiles:
        organisation = profile.person.organisation
        facts.append(
            ChampionFacts(
                pk=profile.pk,
                name=profile.person.full_name,
                slug=profile.slug,
                role_summary=profile.role_summary,
                organisation=organisation.name,
                organisation_kind=organisation.kind,
                organisation_kind_label=organisation.get_kind_display(),
                population=organisation.population,
                region=organisation.region,
                service_areas={area.pk: area.label for area in profile.service_areas.all()},
                technologies={tech.pk: tech.name for tech in profile.technologies.all()},
                cases_led={case.pk: case.title for case in profile.cases_led.all()},
                capacity=profile.mentee_capacity,
                open_mentorings=getattr(profile, "open_mentorings", 0),
            )
        )
    return facts


def _relative(hits) -> dict[int, float]:
    """Hit scores over the best one's: 0..1 whatever the mode's scale."""
    best = max((hit.score for hit in hits), default=0.0)
    if best <= 0:
        return {}
    return {hit.object_id: max(hit.score, 0.0) / best for hit in hits}


def problem_facts(problem: str, *, organisation=None, champions=()) -> ProblemFacts:
    """What the problem is about, found through the search service; with the mentee's
    organisation (kind, size, region, the systems of its own cases) when known. `champions`
    give the service-area and system names the problem's words may name."""
    mode = selectors.effective_mode(selectors.Mode.SEMANTIC)
    profiles = selectors.search(text=problem, kind=CHAMPION_KIND, mode=mode, limit=CANDIDATES)
    cases = selectors.search(text=problem, kind=CASE_KIND, limit=CANDIDATES)
    case_scores = _relative(cases.hits)

    areas: dict[int, str] = {}
    best_cases = [hit.object_id for hit in cases.hits[:CASES_FOR_AREAS]]
    for pk, label in Resource.service_areas.through.objects.filter(
        resource_id__in=best_cases
    ).values_list("servicearea_id", "servicearea__label"):
        areas[pk] = label
    query = vocabulary.expand(parse_query(problem))
    known_areas = {pk: label for c in champions for pk, label in c.service_areas.items()}
    known_systems = {pk: name for c in champions for pk, name in c.technologies.items()}
    named_areas = set(vocabulary.matched_labels(query, known_areas.values()))
    areas.update({pk: label for pk, label in known_areas.items() if label in named_areas})
    named_systems = set(vocabulary.matched_labels(query, known_systems.values()))
    systems = {pk: name for pk, name in known_systems.items() if name in named_systems}

    if organisation is not None:
        used = Resource.technologies.through.objects.filter(
            resource__lead_organisation=organisation, resource__status=Status.PUBLISHED
        ).values_list("technology_id", "technology__name")
        systems.update(dict(used))
    return ProblemFacts(
        text=problem,
        similarity=_relative(profiles.hits),
        cases=case_scores,
        service_areas=areas,
        technologies=systems,
        organisation_kind=getattr(organisation, "kind", ""),
        population=getattr(organisation, "population", None),
        region=getattr(organisation, "region", ""),
    )


def mentee_organisation(mentee):
    person = getattr(mentee, "person", None) if mentee is not None else None
    return person.organisation if person is not None else None


def excluded_for(mentee) -> set[int]:
    """Champions not suggested to this user: dismissed, already asked, or themselves."""
    if mentee is None or not mentee.is_authenticated:
        return set()
    excluded = set(
        DismissedSuggestion.objects.filter(user=mentee).values_list("champion_id", flat=True)
    )
    excluded.update(
        Mentoring.objects.filter(mentee=mentee, status__in=ACTIVE_MENTORING).values_list(
            "champion_id", flat=True
        )
    )
    excluded.update(
        ChampionProfile.objects.filter(person__user=mentee).values_list("pk", flat=True)
    )
    return excluded


def suggest_champions(problem: str, mentee=None, limit: int = 10) -> list[Suggestion]:
    """Approved champions with room, ranked by their fit to the problem, with the reasons."""
    champions = champion_facts()
    facts = problem_facts(problem, organisation=mentee_organisation(mentee), champions=champions)
    return rank(facts, champions, exclude=excluded_for(mentee), limit=limit)


@transaction.atomic
def suggestion_dismiss(*, user, champion: ChampionProfile) -> DismissedSuggestion:
    """Stop suggesting `champion` to `user`. The champion is not told."""
    dismissal, _ = DismissedSuggestion.objects.get_or_create(user=user, champion=champion)
    return dismissal


@dataclass(frozen=True)
class BatchResult:
    pairs: list[Pair]
    reasons: dict[str, tuple[str, ...]]  # mentee key -> the reasons of its pair
    unassigned: list[MenteeNeed]
    champions: int
    places: int

    @property
    def total(self) -> float:
        return sum(pair.score for pair in self.pairs)


def _organisations_by_name(names: Iterable[str]) -> dict[str, object]:
    from hub.organisations.models import Organisation

    wanted = {name.strip().lower() for name in names if name.strip()}
    found: dict[str, object] = {}
    if not wanted:
        return found
    query = Q()
    for name in wanted:
        query |= Q(name__iexact=name) | Q(short_name__iexact=name)
    for organisation in Organisation.objects.filter(query).order_by("pk"):
        for name in (organisation.name, organisation.short_name):
            found.setdefault(name.lower(), organisation)
    return found


def batch_match(mentees: Sequence[MenteeNeed]) -> BatchResult:
    """A cohort assigned to the champions with room: each mentee's fit to every champion
    (as in `suggest_champions`), then the optimal assignment within every capacity."""
    champions = [champion for champion in champion_facts() if champion.spare > 0]
    organisations = _organisations_by_name(mentee.organisation for mentee in mentees)
    suggestions: list[dict[int, Suggestion]] = []
    for mentee in mentees:
        facts = problem_facts(
            mentee.problem,
            organisation=organisations.get(mentee.organisation.strip().lower()),
            champions=champions,
        )
        suggestions.append({s.champion.pk: s for s in rank(facts, champions, limit=None)})
    slots = [ChampionSlot(c.pk, c.name, c.spare) for c in champions]
    matrix = np.array(
        [[row[c.pk].score for c in champions] for row in suggestions], dtype=np.float64
    ).reshape(len(mentees), len(champions))
    pairs = batch_assign(mentees, slots, matrix)
    position = {mentee.key: row for row, mentee in enumerate(mentees)}
    reasons = {
        pair.mentee.key: suggestions[position[pair.mentee.key]][pair.champion.champion_id].reasons
        for pair in pairs
    }
    return BatchResult(
        pairs=pairs,
        reasons=reasons,
        unassigned=unassigned(mentees, pairs),
        champions=len(champions),
        places=sum(slot.capacity for slot in slots),
    )
