"""Turn what a person typed into terms both backends can search safely.

Words become terms; text in double quotes becomes a phrase. Everything else (operators,
brackets, stray quotes, colons, stars) is dropped, so no input can raise a syntax error.
"""

import re
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)
# "-word" at the start of the text or after a space: leave out records with that word.
_EXCLUDED = re.compile(r"(?:(?<=\s)|^)-(\w+)", re.UNICODE)
MAX_TERMS = 32


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    # Words after a minus sign: records that contain them are left out.
    exclusions: tuple[str, ...] = ()
    # Words and phrases the local government vocabulary adds (hub.search.vocabulary.expand):
    # searched as well as the person's own words, never instead of them, and ranked lower.
    expansions: tuple[str, ...] = ()
    expansion_phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def has_expansions(self) -> bool:
        return bool(self.expansions or self.expansion_phrases)

    def all_words(self) -> list[str]:
        return [*self.terms, *(word for phrase in self.phrases for word in phrase)]

    def widened(self) -> "ParsedQuery":
        """The person's words and the expansions as one query (an OR of all of them)."""
        return ParsedQuery(
            terms=self.terms + tuple(word for word in self.expansions if word not in self.terms),
            phrases=self.phrases + self.expansion_phrases,
            exclusions=self.exclusions,
        )


def parse_query(text: str) -> ParsedQuery:
    text = (text or "")[:500]
    phrases = []
    for match in _PHRASE.finditer(text):
        words = tuple(word.lower() for word in _WORD.findall(match.group(1)))
        if len(words) > 1:
            phrases.append(words)
        elif words:
            text += f" {words[0]}"
    remainder = _PHRASE.sub(" ", text)
    excluded = {word.lower() for word in _EXCLUDED.findall(remainder)}
    remainder = _EXCLUDED.sub(" ", remainder)
    seen: dict[str, None] = {}
    for word in _WORD.findall(remainder):
        if word.lower() not in excluded:
            seen.setdefault(word.lower(), None)
    return ParsedQuery(
        terms=tuple(list(seen)[:MAX_TERMS]),
        phrases=tuple(phrases[:8]),
        exclusions=tuple(sorted(excluded))[:8],
    )
