"""The hybrid of lexical and semantic search (reciprocal rank fusion was measured and lost).

Hybrid search scores each candidate (every lexical hit, and every semantic hit at least
HUB_SEARCH_SEMANTIC_MIN_SCORE similar) by three things, tuned on the dev half of the relevance
collection (docs/adr/0014-semantic-search-and-fusion.md):

- its lexical score, scaled to 0..1 over the top `lexical_depth` lexical hits;
- its cosine similarity to the query;
- its cosine similarity to the best candidate of a first pass (lexical + semantic): records
  like the best match rank next. This "top-hit feedback" is what lifts finding the siblings
  of a record (other posts of the same service) most, and the reason the fusion beats
  reciprocal rank fusion there. It only reorders the candidates: it adds none.
"""

from dataclasses import dataclass

import numpy as np

from hub.search.backends.base import SearchHit


@dataclass(frozen=True)
class HybridWeights:
    lexical: float = 0.5
    semantic: float = 0.5
    # Similarity to the first pass's best candidate.
    feedback: float = 2.0
    # The first pass: lexical (0..1) plus this times the similarity to the query.
    first_pass_semantic: float = 2.0
    # Lexical scores are scaled between the best hit's and the one at this depth (then 0).
    lexical_depth: int = 300


HYBRID_WEIGHTS = HybridWeights()


def scaled_lexical_scores(hits: list[SearchHit], *, depth: int) -> dict[int, float]:
    """Lexical scores scaled to 0..1: 1 for the best hit, 0 from the `depth`th hit on."""
    if not hits:
        return {}
    top = [hit.score for hit in hits[:depth]]
    high, low = max(top), min(top)
    spread = high - low
    return {
        hit.object_id: max(0.0, (hit.score - low) / spread) if spread > 0 else 1.0 for hit in hits
    }


def hybrid_fusion(
    *,
    ids: np.ndarray,
    lexical: np.ndarray,
    semantic: np.ndarray,
    vectors: np.ndarray,
    weights: HybridWeights = HYBRID_WEIGHTS,
) -> list[SearchHit]:
    """Rank candidates `ids` by their scaled lexical score, their similarity to the query
    (`semantic`), and their similarity to the first pass's best candidate, computed from
    `vectors` (one unit vector a candidate; zeros for one not embedded yet)."""
    if len(ids) == 0:
        return []
    first_pass = lexical + weights.first_pass_semantic * semantic
    best = int(np.lexsort((ids, -first_pass))[0])
    feedback = vectors @ vectors[best]
    scores = weights.lexical * lexical + weights.semantic * semantic + weights.feedback * feedback
    order = np.lexsort((ids, -scores))
    return [SearchHit(object_id=int(ids[i]), score=float(scores[i])) for i in order]
