"""Batch matching: the assignment is optimal (against brute force), keeps every capacity and
falls the same way whatever order the cohort comes in."""

import itertools
import random
from collections import Counter

import numpy as np
import pytest

from hub.cases.tests.factories import ResourceFactory
from hub.champions.bench import greedy_assign
from hub.champions.matching import (
    MIN_FIT,
    ChampionSlot,
    MenteeNeed,
    batch_assign,
    batch_match,
    unassigned,
)
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.search.services import search_rebuild


def _cohort(mentee_count: int, capacities: list[int]):
    mentees = [MenteeNeed(key=f"m{i}", name=f"Mentee {i}") for i in range(mentee_count)]
    champions = [
        ChampionSlot(champion_id=j + 1, name=f"Champion {j}", capacity=capacity)
        for j, capacity in enumerate(capacities)
    ]
    return mentees, champions


def _brute_force_total(scores: np.ndarray, capacities: list[int], min_fit: float) -> float:
    """The best total over every choice of one champion or none for each mentee."""
    best = 0.0
    choices = [None, *range(len(capacities))]
    for choice in itertools.product(choices, repeat=scores.shape[0]):
        used = Counter(column for column in choice if column is not None)
        if any(used[column] > capacities[column] for column in used):
            continue
        total = sum(
            scores[row, column]
            for row, column in enumerate(choice)
            if column is not None and scores[row, column] >= min_fit
        )
        best = max(best, total)
    return best


def _check_capacities(pairs, champions):
    used = Counter(pair.champion.champion_id for pair in pairs)
    for champion in champions:
        assert used[champion.champion_id] <= champion.capacity
    assert len({pair.mentee.key for pair in pairs}) == len(pairs)


@pytest.mark.parametrize("seed", range(40))
def test_optimal_against_brute_force(seed):
    rng = random.Random(seed)
    mentee_count = rng.randint(1, 6)
    capacities = [rng.randint(0, 2) for _ in range(rng.randint(1, 3))]
    mentees, champions = _cohort(mentee_count, capacities)
    scores = np.round(np.random.default_rng(seed).random((mentee_count, len(capacities))), 2)
    pairs = batch_assign(mentees, champions, scores)
    _check_capacities(pairs, champions)
    assert all(pair.score >= MIN_FIT for pair in pairs)
    total = sum(pair.score for pair in pairs)
    assert total == pytest.approx(_brute_force_total(scores, capacities, MIN_FIT))
    # ...and at least as good as the greedy baseline the benchmark compares with.
    greedy_total = greedy_assign(scores, np.array(capacities), min_fit=MIN_FIT)[1]
    assert total >= greedy_total - 1e-9


def test_the_optimum_beats_greedy_where_greedy_is_tempted():
    mentees, champions = _cohort(2, [1, 1])
    # Greedy takes 0.9 (m0 -> c0) then must give m1 0.2; the optimum is 0.8 + 0.8.
    scores = np.array([[0.9, 0.8], [0.8, 0.2]])
    pairs = batch_assign(mentees, champions, scores)
    assert {(p.mentee.key, p.champion.champion_id) for p in pairs} == {("m0", 2), ("m1", 1)}
    assert greedy_assign(scores, np.array([1, 1]), min_fit=MIN_FIT)[1] == pytest.approx(1.1)


def test_a_callable_gives_the_scores_and_poor_fits_are_left_unassigned():
    mentees, champions = _cohort(3, [2])
    fits = {"m0": 0.7, "m1": 0.05, "m2": 0.5}
    pairs = batch_assign(mentees, champions, lambda mentee, champion: fits[mentee.key])
    assert [pair.mentee.key for pair in pairs] == ["m0", "m2"]
    assert [mentee.key for mentee in unassigned(mentees, pairs)] == ["m1"]


def test_ties_fall_the_same_way_whatever_the_order():
    mentees, champions = _cohort(4, [1, 1, 1])
    scores = np.full((4, 3), 0.5)
    expected = {
        (p.mentee.key, p.champion.champion_id) for p in batch_assign(mentees, champions, scores)
    }
    assert len(expected) == 3
    order = list(range(4))
    for seed in range(5):
        random.Random(seed).shuffle(order)
        shuffled = [mentees[i] for i in order]
        pairs = batch_assign(shuffled, list(reversed(champions)), scores[order][:, ::-1])
        assert {(p.mentee.key, p.champion.champion_id) for p in pairs} == expected


def test_no_places_or_no_mentees_make_no_pairs():
    mentees, champions = _cohort(2, [0, 0])
    assert batch_assign(mentees, champions, np.ones((2, 2))) == []
    assert batch_assign([], champions, np.ones((0, 2))) == []


def test_scores_of_the_wrong_shape_are_refused():
    mentees, champions = _cohort(2, [1])
    with pytest.raises(ValueError, match="not 2 x 1"):
        batch_assign(mentees, champions, np.ones((1, 2)))


@pytest.mark.django_db
def test_batch_match_uses_spare_capacity_with_reasons():
    forms = ResourceFactory(title="Moving paper forms online")
    busy = ChampionProfileFactory(mentee_capacity=2, cases_led=[forms])
    MentoringFactory(champion=busy)
    free = ChampionProfileFactory(mentee_capacity=1, cases_led=[forms])
    ChampionProfileFactory(mentee_capacity=3)  # fits nobody: no pair below the minimum fit
    search_rebuild(kinds=["case"])
    mentees = [
        MenteeNeed(key=f"m{i}@example.gov.uk", name=f"Mentee {i}", problem="Moving forms online")
        for i in range(4)
    ]
    result = batch_match(mentees)
    assert result.places == 5
    assert len(result.pairs) == 2
    assert Counter(pair.champion.champion_id for pair in result.pairs) == {busy.pk: 1, free.pk: 1}
    assert len(result.unassigned) == 2
    for pair in result.pairs:
        assert result.reasons[pair.mentee.key][0] == "Led: Moving paper forms online"
