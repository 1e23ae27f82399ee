"""The contract every search backend keeps (tested once, in tests/test_backend_contract.py)."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.html import escape

from hub.search.query import ParsedQuery

# Markers the database puts around matched words; replaced by <mark> after escaping.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    object_id: int
    score: float


def marked_to_html(text: str) -> str:
    """Escape a database snippet, then turn its match markers into <mark> elements."""
    return escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


class SearchBackend(ABC):
    """Lexical retrieval over the search_searchdocument rows of one kind."""

    engine: str = ""

    @abstractmethod
    def search(self, query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
        """Hits for `query`, best first; an empty query finds nothing."""

    @abstractmethod
    def snippets(self, query: ParsedQuery, *, kind: str, object_ids: list[int]) -> dict[int, str]:
        """Safe HTML snippets of each object's text with the matched words marked."""

    @abstractmethod
    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """How many documents (of every kind) hold each word, as the index sees it: stemmed.

        Words the index never holds (the database's stop words) are left out of the answer.
        """

    @abstractmethod
    def holds_word(self, word: str) -> bool:
        """Whether some document (of any kind) holds exactly this word, unstemmed, so that a
        spelling suggestion is a word people wrote, not just a string with a known stem."""

    @abstractmethod
    def optimise(self) -> None:
        """Bring the index's statistics up to date after a bulk load."""
