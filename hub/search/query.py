"""Turn what a person typed into terms both backends can search safely.

Words become terms; text in double quotes becomes a phrase. Everything else (operators,
brackets, stray quotes, colons, stars) is dropped, so no input can raise a syntax error.
"""

import re
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_words(self) -> list[str]:
        return [*self.terms, *(word for phrase in self.phrases for word in phrase)]


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
    seen: dict[str, None] = {}
    for word in _WORD.findall(remainder):
        seen.setdefault(word.lower(), None)
    return ParsedQuery(terms=tuple(list(seen)[:MAX_TERMS]), phrases=tuple(phrases[:8]))
