"""The batch matching benchmark: a synthetic but realistic cohort, its fit matrix built with
the weights of `hub.champions.matching`, the optimal assignment, and a greedy baseline.

Synthetic facts, from a seeded RNG: unit vectors (384 dimensions, as all-MiniLM-L6-v2's) for
each problem and each champion's profile, clustered around 60 topics so that fits vary as real
ones do; 3 of 40 service areas and 2 of 30 systems per person; 8 council kinds, 12 regions and
log-normal populations; champion capacities 1-5 with some places taken.

The matrix is float32 (5,000 x 1,000 is 20 MB); the solver takes the mentees x places matrix
(each champion repeated by its spare places), which it copies to float64: about 120 MB for
5,000 x 3,000. No pruning: the assignment is exact.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from hub.champions.matching import MIN_FIT, SIZE_SPAN, WEIGHTS

DIMENSIONS = 384
TOPICS = 60
AREAS = 40
SYSTEMS = 30
KINDS = 8
REGIONS = 12


@dataclass(frozen=True)
class Side:
    vectors: np.ndarray  # unit rows, float32
    areas: np.ndarray  # 0/1, float32
    systems: np.ndarray  # 0/1, float32
    kind: np.ndarray
    region: np.ndarray
    population: np.ndarray


@dataclass(frozen=True)
class Cohort:
    mentees: Side
    champions: Side
    capacity: np.ndarray
    taken: np.ndarray

    @property
    def spare(self) -> np.ndarray:
        return self.capacity - self.taken


def _unit(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def _side(rng: np.random.Generator, count: int, topics: np.ndarray) -> Side:
    topic = rng.integers(0, TOPICS, count)
    noise = rng.standard_normal((count, DIMENSIONS)).astype(np.float32)
    vectors = _unit(topics[topic] * 1.2 + noise * 0.08)

    def some_of(total: int, each: int) -> np.ndarray:
        chosen = np.zeros((count, total), dtype=np.float32)
        # A person's areas follow their topic: the first from it, the others at random.
        chosen[np.arange(count), topic % total] = 1.0
        for _ in range(each - 1):
            chosen[np.arange(count), rng.integers(0, total, count)] = 1.0
        return chosen

    return Side(
        vectors=vectors,
        areas=some_of(AREAS, 3),
        systems=some_of(SYSTEMS, 2),
        kind=rng.integers(0, KINDS, count),
        region=rng.integers(0, REGIONS, count),
        population=np.exp(rng.normal(math.log(180_000), 0.7, count)).astype(np.float32),
    )


def synthetic_cohort(mentees: int, champions: int, *, seed: int = 8) -> Cohort:
    rng = np.random.default_rng(seed)
    topics = _unit(rng.standard_normal((TOPICS, DIMENSIONS)))
    capacity = rng.integers(1, 6, champions)
    return Cohort(
        mentees=_side(rng, mentees, topics),
        champions=_side(rng, champions, topics),
        capacity=capacity,
        taken=np.minimum(rng.integers(0, 2, champions), capacity - 1),
    )


def build_scores(cohort: Cohort) -> np.ndarray:
    """Mentees x champions fits, float32, the parts as `matching.score_champion` weighs them
    (the "led a case" part is folded into problem similarity: synthetic people lead no cases)."""
    m, c = cohort.mentees, cohort.champions
    similarity = m.vectors @ c.vectors.T
    np.clip(similarity, 0.0, None, out=similarity)
    similarity /= np.maximum(similarity.max(axis=1, keepdims=True), 1e-6)
    scores = (WEIGHTS["problem"] + WEIGHTS["led_case"]) * similarity
    scores += WEIGHTS["service_areas"] * (m.areas @ c.areas.T) / m.areas.sum(1, keepdims=True)
    same_kind = m.kind[:, None] == c.kind[None, :]
    log_ratio = np.abs(np.log(m.population)[:, None] - np.log(c.population)[None, :])
    size = np.clip(1.0 - log_ratio / math.log(SIZE_SPAN), 0.0, None)
    scores += WEIGHTS["council"] * (0.6 * same_kind + 0.4 * size)
    scores += WEIGHTS["region"] * (m.region[:, None] == c.region[None, :])
    shared = np.minimum(m.systems @ c.systems.T, 2) / np.minimum(m.systems.sum(1, keepdims=True), 2)
    scores += WEIGHTS["systems"] * shared
    scores += WEIGHTS["load"] * (cohort.spare / cohort.capacity)[None, :]
    return scores.astype(np.float32, copy=False)


def optimal_assign(
    scores: np.ndarray, spare: np.ndarray, *, min_fit: float = MIN_FIT
) -> tuple[np.ndarray, float]:
    """(mentee, champion) index pairs of the optimal assignment (as `matching.batch_assign`,
    on bare arrays), and their total fit."""
    slots = np.repeat(np.arange(len(spare)), spare)
    usable = np.where(scores >= min_fit, scores, 0.0).astype(np.float32, copy=False)
    rows, chosen = linear_sum_assignment(usable[:, slots], maximize=True)
    columns = slots[chosen]
    keep = scores[rows, columns] >= min_fit
    pairs = np.stack([rows[keep], columns[keep]], axis=1)
    return pairs, float(scores[pairs[:, 0], pairs[:, 1]].astype(np.float64).sum())


def greedy_assign(
    scores: np.ndarray, spare: np.ndarray, *, min_fit: float = MIN_FIT
) -> tuple[np.ndarray, float]:
    """The baseline: every pair, best fit first, taken while both sides are free."""
    flat = np.argsort(-np.asarray(scores, dtype=np.float64), axis=None, kind="stable")
    left = np.array(spare, dtype=np.int64).copy()
    paired = np.zeros(scores.shape[0], dtype=bool)
    pairs, total = [], 0.0
    rows, columns = np.unravel_index(flat, scores.shape)
    for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
        fit = float(scores[row, column])
        if fit < min_fit:
            break
        if paired[row] or left[column] == 0:
            continue
        paired[row] = True
        left[column] -= 1
        pairs.append((row, column))
        total += fit
        if len(pairs) == scores.shape[0] or not left.any():
            break
    return np.array(pairs, dtype=np.int64).reshape(-1, 2), total


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start
