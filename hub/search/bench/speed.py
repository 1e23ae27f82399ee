"""Speed of search at growing corpus sizes: the search API, the bare full text query, and the
`icontains` search most content management systems use.

The corpus at each size is the real bench corpus (both files, shuffled with a fixed seed)
followed by documents composed from its sentences: each composed document takes a real title
and as many real sentences as a real document has, drawn at random (seeded), in paragraphs of
four. Embedding 100,000 documents would take about an hour here, so a composed document's
vector is composed too: the normalised sum of the vectors of the real documents its sentences
came from. Real documents' vectors come from the model, through the embedding cache. The
search service stores and searches composed vectors exactly as it does real ones.

Each size is loaded in bulk through the same importer, on top of the size before. Then every
timed query runs once after a warm-up: through Django's test client against
`/api/v1/cases?q=...` (the whole stack: URL routing, middleware, the API's selector, the one
search service, one page of 50 cards), the bare full text query alone, and an `icontains`
search of title, summary and body.
"""

from __future__ import annotations

import random
import re
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings

from hub.cases.importers.cleaning import LIST_MARKER, clean_markdown, plain_text
from hub.cases.models import Resource, Status
from hub.cases.search import SEARCH_KIND
from hub.search import selectors, semantic
from hub.search.bench.corpus import load_rows
from hub.search.embeddings import get_embedding_provider
from hub.search.models import DocumentEmbedding, EmbeddingCache, SearchDocument
from hub.search.query import parse_query
from hub.search.services import search_embed_missing
from hub.search.vectors import VECTOR_DTYPE, content_hash, embedding_passages, vector_to_bytes

SIZES = (1_000, 10_000, 100_000)
SEED = 20261125
COMPOSED_PREFIX = "composed:"
SENTENCES_PER_PARAGRAPH = 4
MAX_SENTENCES = 80
WARM_UP = 5
# The slow icontains search is timed on at most this many seconds of queries, and at least
# MIN_TIMED queries: a full scan of 100,000 records takes seconds on PostgreSQL.
ICONTAINS_BUDGET_SECONDS = 90
MIN_TIMED = 20
API_PATH = "/api/v1/cases"
# The admin's search: each word must be in one of these fields.
ICONTAINS_FIELDS = ("title", "summary", "body")
ICONTAINS_PAGE = 50
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


@dataclass(frozen=True)
class Timing:
    label: str
    milliseconds: list[float]

    @property
    def p50(self) -> float:
        return percentile(self.milliseconds, 50)

    @property
    def p95(self) -> float:
        return percentile(self.milliseconds, 95)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.milliseconds) if self.milliseconds else float("nan")


def time_each(
    call: Callable[[str], object],
    texts: list[str],
    warm_up: list[str],
    *,
    budget_seconds: float | None = None,
) -> list[float]:
    """Milliseconds of each call, after warm-up calls with other texts. With a budget, stop
    once the timed calls have taken that long and at least MIN_TIMED have run."""
    for text in warm_up:
        call(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        call(text)
        times.append((time.perf_counter() - started) * 1000)
        if budget_seconds and len(times) >= MIN_TIMED and sum(times) >= budget_seconds * 1000:
            break
    return times


# Composing documents ---------------------------------------------------------------------


def sentences_of(body: str) -> list[str]:
    sentences = []
    for block in _PARAGRAPHS.split(clean_markdown(body or "")):
        text = plain_text(LIST_MARKER.sub("", block))
        sentences += [s for s in _SENTENCE_END.split(text) if len(s.split()) >= 3]
    return sentences


@dataclass
class Composer:
    """Documents made of the real corpus' sentences, deterministic for a seed."""

    rows: list[dict]
    seed: int = SEED
    sentences: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)  # the real row each sentence came from
    lengths: list[int] = field(default_factory=list)  # sentences per real document

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            found = sentences_of(row.get("body") or "")
            self.sentences += found
            self.sources += [index] * len(found)
            self.lengths.append(min(max(len(found), 1), MAX_SENTENCES))
        self.random = random.Random(self.seed)  # noqa: S311 - a benchmark, not a secret

    def compose(self, number: int) -> tuple[dict, list[int]]:
        """One corpus-like row, and the real rows its sentences came from."""
        pick = self.random
        title_row = self.rows[pick.randrange(len(self.rows))]
        chosen = [pick.randrange(len(self.sentences)) for _ in range(pick.choice(self.lengths))]
        paragraphs = [
            " ".join(self.sentences[i] for i in chosen[start : start + SENTENCES_PER_PARAGRAPH])
            for start in range(0, len(chosen), SENTENCES_PER_PARAGRAPH)
        ]
        row = {
            "id": f"{COMPOSED_PREFIX}{number}",
            "title": title_row["title"],
            "body": "\n\n".join(paragraphs),
            "organisation": title_row.get("organisation", ""),
            "source_repo": title_row.get("source_repo", ""),
            "date": title_row.get("date") or title_row.get("created"),
        }
        return row, [self.sources[i] for i in chosen]


def real_sequence(rows: list[dict], seed: int = SEED) -> list[dict]:
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)  # noqa: S311
    return shuffled


# Loading ---------------------------------------------------------------------------------


@dataclass
class LoadReport:
    size: int
    seconds: float
    vectors: str


def real_vectors(doc_ids: dict[int, str]) -> dict[str, np.ndarray]:
    """The model's vector of each real document in the index, by corpus id."""
    rows = DocumentEmbedding.objects.filter(document__kind=SEARCH_KIND).values_list(
        "document__object_id", "vector"
    )
    return {
        doc_ids[object_id]: np.frombuffer(bytes(vector), dtype=VECTOR_DTYPE)
        for object_id, vector in rows.iterator(chunk_size=2000)
        if object_id in doc_ids
    }


def cache_composed_vectors(
    composed: dict[str, list[str]], doc_ids: dict[int, str], vectors: dict[str, np.ndarray]
) -> set[str]:
    """Put each composed document's composed vector in the embedding cache under the hash of
    every passage the search service embeds for it (from its search document), so the service
    finds the vectors there instead of running the model. Returns the hashes, to keep them out
    of the bench's file cache."""
    provider = get_embedding_provider()
    documents = SearchDocument.objects.filter(kind=SEARCH_KIND).values_list(
        "object_id", "title", "summary", "body"
    )
    hashes, batch = set(), []
    for object_id, title, summary, body in documents.iterator(chunk_size=2000):
        sources = composed.get(doc_ids.get(object_id, ""))
        if sources is None:
            continue
        found = [vectors[doc_id] for doc_id in sources if doc_id in vectors]
        vector = np.sum(found, axis=0) if found else np.zeros(provider.dimensions)
        norm = np.linalg.norm(vector)
        # Under every passage's hash: the document's blended vector is then the composed one.
        for passage in embedding_passages(title=title, summary=summary, body=body):
            digest = content_hash(passage)
            hashes.add(digest)
            batch.append(
                EmbeddingCache(
                    model_key=provider.key,
                    content_hash=digest,
                    vector=vector_to_bytes(vector / norm if norm else vector),
                )
            )
        if len(batch) >= 1000:
            EmbeddingCache.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    EmbeddingCache.objects.bulk_create(batch, ignore_conflicts=True)
    return hashes


class GrowingCorpus:
    """The speed corpus in the throwaway database, grown size by size."""

    def __init__(self, rows: list[dict], *, seed: int = SEED):
        self.real = real_sequence(rows, seed)
        self.composer = Composer(self.real, seed=seed)
        self.doc_ids: dict[int, str] = {}
        self.vectors: dict[str, np.ndarray] = {}
        self.composed_hashes: set[str] = set()
        self.size = 0

    def _load_real(self, rows: list[dict]) -> None:
        if rows:
            self.doc_ids.update(load_rows(rows).doc_ids)
            if get_embedding_provider() is not None:
                self.vectors = real_vectors(self.doc_ids)

    def _load_composed(self, count: int) -> None:
        if count <= 0:
            return
        rows, sources = [], {}
        for number in range(self.size, self.size + count):
            row, source_rows = self.composer.compose(number)
            rows.append(row)
            sources[row["id"]] = [self.real[i]["id"] for i in source_rows]
        if get_embedding_provider() is None:
            self.doc_ids.update(load_rows(rows).doc_ids)
            return
        # Index the text without vectors, cache the composed vectors, then let the search
        # service make every document's vector current: from the cache, not the model.
        with override_settings(HUB_EMBEDDINGS_PROVIDER="none"):
            self.doc_ids.update(load_rows(rows).doc_ids)
        self.composed_hashes |= cache_composed_vectors(sources, self.doc_ids, self.vectors)
        search_embed_missing(kinds=[SEARCH_KIND])

    def grow_to(self, size: int) -> LoadReport:
        started = time.perf_counter()
        real_count = max(0, min(size, len(self.real)) - self.size)
        self._load_real(self.real[self.size : self.size + real_count])
        self.size += real_count
        composed = size - self.size
        self._load_composed(composed)
        self.size = size
        if get_embedding_provider() is None:
            vectors = "none (no embedding model)"
        else:
            vectors = (
                f"{min(size, len(self.real)):,} real from the model (via the cache), "
                f"{max(0, size - len(self.real)):,} composed from real vectors"
            )
        return LoadReport(size, time.perf_counter() - started, vectors)


# Timing ----------------------------------------------------------------------------------


def bare_query() -> tuple[str, Callable[[str], list]]:
    """The database's own ranked full text query alone, top 10, with the Hub's weights and
    query parsing: no join, no kind filter, no vocabulary, no fusion, no page."""
    if connection.vendor == "sqlite":
        from hub.search.backends.sqlite import (
            BODY_WEIGHT,
            SUMMARY_WEIGHT,
            TITLE_WEIGHT,
            SqliteFts5Backend,
        )

        # The Hub's own match, common words left out as the search leaves them out.
        backend = SqliteFts5Backend()

        sql = (
            f"SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT}) "  # noqa: S608 - constants
            "FROM search_fts WHERE search_fts MATCH %s ORDER BY 2 LIMIT 10"
        )

        def run(text: str) -> list:
            with connection.cursor() as cursor:
                cursor.execute(sql, [backend.match_expression(parse_query(text))])
                return cursor.fetchall()

        return "bare FTS5", run

    from hub.search.backends.postgres import ranking_statement

    # The backend's own ranked statement (BM25-like over the GIN-indexed match), top 10.
    def run(text: str) -> list:
        query = parse_query(text)
        if query.is_empty:
            return []
        sql, params = ranking_statement(query, kind=SEARCH_KIND, limit=10)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return "bare full text", run


def icontains_search(text: str) -> tuple[int, list]:
    """The search most CMSs ship (Django admin's): every word in the title, summary or body;
    the count and the first page, newest first, as the API gives its count and first page."""
    condition = Q()
    for word in text.split():
        either = Q()
        for name in ICONTAINS_FIELDS:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    records = Resource.objects.filter(condition, status=Status.PUBLISHED)
    return records.count(), list(records.order_by("-published_at")[:ICONTAINS_PAGE])


def api_search(client: Client) -> Callable[[str], object]:
    def call(text: str):
        response = client.get(API_PATH, {"q": text})
        if response.status_code != 200:
            raise RuntimeError(f"{API_PATH}?q={text!r} answered {response.status_code}")
        return response

    return call


@dataclass
class SizeTimings:
    size: int
    load: LoadReport
    timings: dict[str, Timing]
    # The mode each API timing really ran in (lexical when there is no embedding model).
    api_modes: dict[str, str]


@dataclass(frozen=True)
class TimingQueries:
    timed: list[str]
    warm_up: list[str]
    icontains: int


def time_size(load: LoadReport, queries: TimingQueries, *, api_modes=("lexical", "hybrid")):
    """Time every method at the loaded size. The search service's query-vector cache is
    emptied first, so each timed query is embedded as a new query would be. Every method runs
    with DEBUG off, as a site does: with it on (the local settings), Django also logs every
    query, and on SQLite runs one more to quote the parameters of each that has any."""
    with override_settings(DEBUG=False):
        return _time_size(load, queries, api_modes=api_modes)


def _time_size(load: LoadReport, queries: TimingQueries, *, api_modes) -> SizeTimings:
    timings: dict[str, Timing] = {}
    ran_as: dict[str, str] = {}
    client = Client()
    # WhiteNoise warns once that collectstatic has not run: static files are not timed here.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    for mode in api_modes:
        with override_settings(HUB_SEARCH_MODE=mode, ALLOWED_HOSTS=["testserver"]):
            semantic.reset_indexes()
            ran_as[mode] = selectors.effective_mode(mode)
            milliseconds = time_each(api_search(client), queries.timed, queries.warm_up)
            label = f"API {mode}" + ("" if ran_as[mode] == mode else f" (ran {ran_as[mode]})")
            timings[f"api-{mode}"] = Timing(label, milliseconds)
    label, bare = bare_query()
    timings["bare"] = Timing(label, time_each(bare, queries.timed, queries.warm_up))
    timings["icontains"] = Timing(
        "icontains",
        time_each(
            icontains_search,
            queries.timed[: queries.icontains],
            queries.warm_up,
            budget_seconds=ICONTAINS_BUDGET_SECONDS,
        ),
    )
    return SizeTimings(load.size, load, timings, ran_as)


def timing_queries(
    lgsl: list[tuple[str, str]],
    known: list[tuple[str, str]],
    *,
    count: int,
    icontains: int,
    seed: int = SEED,
) -> TimingQueries:
    """Every lgsl dev query, then known dev queries drawn with the seed, `count` in all,
    mixed with the seed; warm-up queries are drawn from the known queries left over."""
    rest = [text for _, text in known]
    random.Random(seed).shuffle(rest)  # noqa: S311
    lgsl_texts = [text for _, text in lgsl][:count]
    known_count = max(0, count - len(lgsl_texts))
    timed = lgsl_texts + rest[:known_count]
    random.Random(seed).shuffle(timed)  # noqa: S311
    warm_up = rest[known_count : known_count + WARM_UP]
    return TimingQueries(timed=timed, warm_up=warm_up, icontains=min(icontains, len(timed)))
