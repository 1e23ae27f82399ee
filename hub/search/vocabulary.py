"""Local government vocabulary: query expansion, "did you mean" and why a record matched.

Expansion bridges the gap between the words a person types and the words a record uses, from
two sources:

- a small maintained synonym list, `data/synonyms.txt` ("rubbish" -> bin, refuse, waste);
- named vocabularies registered by the apps that own them (the LGSL service list, registered
  by `hub.taxonomy`): when the person's words name a service by its current or former name,
  the service's current label is searched too ("educating your child at home" -> home
  schooling).

Expansions are kept apart from the person's words (`ParsedQuery.expansions`), so the search
can rank them lower (see `hub.search.selectors`). Words are compared by their Porter stems.
"""

import itertools
import math
import string
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import connection

from hub.search.backends import get_search_backend
from hub.search.query import ParsedQuery
from hub.search.words import STOPWORDS, content_stems, stem, words

SYNONYMS_PATH = Path(__file__).parent / "data" / "synonyms.txt"
# Bounds on what one query may gain, so a long query cannot turn into a search for everything.
MAX_EXPANSION_WORDS = 12
MAX_EXPANSION_PHRASES = 8
MAX_NAMED_TERMS = 2
# A service name matches when the person's words hold every word of it, and it has at least
# two: LGSL's former names include bare categories such as "Schools". (Letting longer names
# lack a word, or one-word names match, was measured and found no better: ADR 0013.)
NAME_MIN_STEMS = 2
# Spelling: words this short, or queries this long, are not corrected.
MIN_CORRECTABLE_LENGTH = 3
MAX_CORRECTED_WORDS = 6
MAX_CANDIDATES_CHECKED = 5


# --- Synonyms -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One way of saying something: its words, and their stems for matching."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "Entry":
        found = tuple(words(text))
        return cls(words=found, stems=tuple(stem(word) for word in found))


def parse_synonyms(text: str) -> list[tuple[Entry, ...]]:
    """Groups of equivalent entries: one group a line, entries comma-separated, # comments."""
    groups = []
    for line in text.splitlines():
        entries: dict[tuple[str, ...], Entry] = {}
        for part in line.split("#", 1)[0].split(","):
            entry = Entry.of(part)
            if entry.words:
                entries.setdefault(entry.stems, entry)
        if len(entries) > 1:
            groups.append(tuple(entries.values()))
    return groups


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[Entry, ...], ...]:
    return tuple(parse_synonyms(SYNONYMS_PATH.read_text(encoding="utf-8")))


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(sequence[i : i + size] == part for i in range(len(sequence) - size + 1))


def _synonyms_for(sequences: list[tuple[str, ...]]) -> list[Entry]:
    """Entries of every group that one of the person's word sequences mentions."""
    found = []
    for group in synonym_groups():
        said = [entry for entry in group if any(_contains(seq, entry.stems) for seq in sequences)]
        if said:
            found += [entry for entry in group if entry not in said]
    return found


# --- Named vocabularies (the LGSL service list) ----------------------------------------------


@dataclass(frozen=True)
class NamedTerm:
    """One thing a controlled vocabulary names: its current label and former labels."""

    label: str
    former_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameSource:
    """A vocabulary an app registers, e.g. LGSL services. `version` must be cheap and change
    whenever the terms change: the terms are cached in each process until it does."""

    name: str
    terms: Callable[[], Iterable[NamedTerm]]
    version: Callable[[], Hashable]


@dataclass(frozen=True)
class _NameIndex:
    # (label, [content stems of each of its names]) per term
    terms: list[tuple[str, list[tuple[str, ...]]]]
    by_stem: dict[str, set[int]]


@dataclass
class _LoadedNames:
    version: Hashable
    index: _NameIndex
    checked_at: float


_sources: dict[str, NameSource] = {}
# By (database, source name).
_indexes: dict[tuple[str, str], _LoadedNames] = {}


def register_names(source: NameSource) -> None:
    _sources[source.name] = source
    for key in [key for key in _indexes if key[1] == source.name]:
        del _indexes[key]


def _build_index(terms: Iterable[NamedTerm]) -> _NameIndex:
    entries, by_stem = [], {}
    for term in terms:
        names = list(
            dict.fromkeys(content_stems(name) for name in (term.label, *term.former_labels))
        )
        names = [name for name in names if name]
        position = len(entries)
        entries.append((term.label, names))
        for name in names:
            for item in name:
                by_stem.setdefault(item, set()).add(position)
    return _NameIndex(terms=entries, by_stem=by_stem)


def _name_index(source: NameSource) -> _NameIndex:
    """The source's terms, indexed. Its version is asked at most once a
    HUB_SEARCH_INDEX_CHECK_SECONDS, as the vector index's is, not on every search."""
    key = (str(connection.settings_dict["NAME"]), source.name)
    cached = _indexes.get(key)
    now = time.monotonic()
    if cached is not None and now - cached.checked_at < settings.HUB_SEARCH_INDEX_CHECK_SECONDS:
        return cached.index
    version = source.version()
    if cached is None or cached.version != version:
        cached = _LoadedNames(version, _build_index(source.terms()), now)
        _indexes[key] = cached
    cached.checked_at = now
    return cached.index


def _name_matches(name: tuple[str, ...], said: set[str]) -> int:
    """How well the person's stems match one name: its length when they hold all of it."""
    if len(name) >= NAME_MIN_STEMS and said.issuperset(name):
        return len(name)
    return 0


def named_terms(said: set[str]) -> list[str]:
    """Labels of the terms (e.g. LGSL services) whose names the person's stems match best."""
    scored = []
    for source in _sources.values():
        index = _name_index(source)
        candidates = set().union(*(index.by_stem.get(item, set()) for item in said))
        for position in candidates:
            label, names = index.terms[position]
            score = max((_name_matches(name, said) for name in names), default=0)
            if score:
                scored.append((-score, label))
    return [label for _, label in sorted(scored)[:MAX_NAMED_TERMS]]


# --- Expansion ---------------------------------------------------------------------------------


def _sequences(query: ParsedQuery) -> list[tuple[str, ...]]:
    return [
        tuple(stem(word) for word in query.terms),
        *(tuple(stem(word) for word in phrase) for phrase in query.phrases),
    ]


def expand(query: ParsedQuery) -> ParsedQuery:
    """The query with words leaders use mapped to the words records use."""
    if query.is_empty:
        return query
    sequences = _sequences(query)
    said = {item for sequence in sequences for item in sequence}
    said_content = {stem(word) for word in query.all_words() if word not in STOPWORDS}
    excluded = {stem(word) for word in query.exclusions}
    added = _synonyms_for(sequences)
    added += [Entry.of(label) for label in named_terms(said_content)]

    expansion_words: dict[str, None] = {}
    expansion_phrases: dict[tuple[str, ...], None] = {}
    for entry in added:
        meaningful = [
            s for s, w in zip(entry.stems, entry.words, strict=True) if w not in STOPWORDS
        ]
        if not meaningful or excluded.intersection(entry.stems) or set(meaningful) <= said:
            continue
        if len(entry.words) == 1:
            if len(expansion_words) < MAX_EXPANSION_WORDS:
                expansion_words.setdefault(entry.words[0], None)
        elif len(expansion_phrases) < MAX_EXPANSION_PHRASES:
            expansion_phrases.setdefault(entry.words, None)
    return replace(
        query, expansions=tuple(expansion_words), expansion_phrases=tuple(expansion_phrases)
    )


# --- Why a record matched ------------------------------------------------------------------------


def matched_labels(query: ParsedQuery, labels: Iterable[str]) -> list[str]:
    """Those of `labels` (a record's service areas, themes) that the query or its expansion
    names: at least half of a label's words are among the words searched for."""
    searched = {
        stem(word)
        for word in itertools.chain(
            query.all_words(),
            query.expansions,
            (word for phrase in query.expansion_phrases for word in phrase),
        )
        if word not in STOPWORDS
    }
    matched = []
    for label in labels:
        stems = content_stems(label)
        shared = sum(item in searched for item in stems)
        if shared and shared * 2 >= len(stems):
            matched.append(label)
    return matched


# --- Did you mean ----------------------------------------------------------------------------


def _edits(word: str) -> dict[str, bool]:
    """Every word one edit away (delete, swap neighbours, replace, insert), each marked True
    when the edit undoes a slip people often make: a swapped pair, or a doubled or undoubled
    letter ("mised" -> "missed")."""
    letters = sorted(set(string.ascii_lowercase) | set(word))
    found: dict[str, bool] = {}

    def add(candidate: str, common: bool) -> None:
        if candidate != word:
            found[candidate] = found.get(candidate, False) or common

    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            add(left + right[1:], right[1:2] == right[0] or left[-1:] == right[0])
            for letter in letters:
                add(left + letter + right[1:], False)
        if len(right) > 1:
            add(left + right[1] + right[0] + right[2:], True)
        for letter in letters:
            add(left + letter + right, left[-1:] == letter or right[:1] == letter)
    return found


def _best_correction(word: str) -> str | None:
    candidates = _edits(word)
    if any(candidate in STOPWORDS for candidate in candidates):
        return None  # a slip in a word too common to matter ("abut" for "about")
    backend = get_search_backend()
    frequencies = backend.document_frequencies(sorted(candidates))
    ranked = sorted(
        (
            (candidates[candidate], math.log1p(count), candidate)
            for candidate, count in frequencies.items()
            if count > 0
        ),
        reverse=True,
    )
    # A candidate's stem is in the index, but "taxe" (stem "tax") is no word: take the first
    # that some record really holds.
    for _, _, candidate in ranked[:MAX_CANDIDATES_CHECKED]:
        if backend.holds_word(candidate):
            return candidate
    return None


@lru_cache(maxsize=1)
def _synonym_stems() -> frozenset[str]:
    return frozenset(item for group in synonym_groups() for entry in group for item in entry.stems)


def query_text(query: ParsedQuery) -> str:
    """Text that parses back to `query`: words, quoted phrases, then -exclusions."""
    parts = [*query.terms, *(f'"{" ".join(phrase)}"' for phrase in query.phrases)]
    parts += [f"-{word}" for word in query.exclusions]
    return " ".join(parts)


def suggest(query: ParsedQuery, *, kind: str) -> str:
    """The query with its misspelt words corrected ("mised bins" -> "missed bins"), or "".

    A word is misspelt when no record holds it and a word one slip away is held by some: the
    slip people make most (a swapped pair, a doubled letter) first, then the word held by the
    most records. The suggestion is made only when the corrected words find records of `kind`,
    where the words as typed found none, so following it always finds more.
    """
    checkable = [
        word
        for word in dict.fromkeys(query.all_words())
        if len(word) >= MIN_CORRECTABLE_LENGTH
        and word.isascii()
        and word.isalpha()
        and word not in STOPWORDS
    ]
    if not checkable or len(checkable) > MAX_CORRECTED_WORDS:
        return ""
    backend = get_search_backend()
    known = backend.document_frequencies(checkable)
    corrections = {}
    for word in checkable:
        # A word of the synonym list ("ctax") is no slip, even if no record holds it.
        if known.get(word) != 0 or stem(word) in _synonym_stems():
            continue
        if better := _best_correction(word):
            corrections[word] = better
    if not corrections:
        return ""
    corrected_words = ParsedQuery(terms=tuple(corrections.values()), phrases=())
    if not backend.search(corrected_words, kind=kind, limit=1):
        return ""
    return query_text(
        ParsedQuery(
            terms=tuple(dict.fromkeys(corrections.get(word, word) for word in query.terms)),
            phrases=tuple(
                tuple(corrections.get(word, word) for word in phrase) for phrase in query.phrases
            ),
            exclusions=query.exclusions,
        )
    )
