"""Words as the search index sees them: split like the full text tokenizers, then stemmed.

`stem()` is Martin Porter's stemmer as SQLite FTS5's `porter` tokenizer implements it (his
reference version, with the "bli" and "logi" rules), so Python and the SQLite index agree on
which words are the same word. PostgreSQL's `english` configuration uses the later Snowball
stemmer; the two agree on nearly every everyday word, and where the database has to agree
exactly (spelling suggestions) the PostgreSQL backend asks the database to stem instead.
"""

import re
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)

# Words too common to say anything about what a record is about: never used on their own to
# match a service name or synonym. General English only; nothing here comes from a query set.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with
    would you your yours etc eg ie via per""".split()
)


def words(text: str) -> list[str]:
    """The lower-case words of `text`, split as both full text tokenizers split them."""
    return [word.lower() for word in _WORD.findall(text or "")]


def content_stems(text: str) -> tuple[str, ...]:
    """The distinct stems of the words of `text` that are not stopwords, in order."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word not in STOPWORDS:
            seen.setdefault(stem(word), None)
    return tuple(seen)


# --- Porter stemmer ---------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    letter = word[i]
    if letter in _VOWELS:
        return False
    if letter == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem_: str) -> int:
    """m in [C](VC){m}[V]: how many vowel-consonant sequences the stem has."""
    m, previous_vowel = 0, False
    for i in range(len(stem_)):
        vowel = not _is_consonant(stem_, i)
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _has_vowel(stem_: str) -> bool:
    return any(not _is_consonant(stem_, i) for i in range(len(stem_)))


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word: str) -> bool:
    """Consonant-vowel-consonant at the end, the last not w, x or y (e.g. "hop", not "snow")."""
    if len(word) < 3:
        return False
    n = len(word)
    return (
        _is_consonant(word, n - 3)
        and not _is_consonant(word, n - 2)
        and _is_consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


def _replace(word: str, rules, condition) -> str:
    """Apply the first rule whose suffix `word` ends with, if its stem meets `condition`."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            return base + replacement if condition(base) else word
    return word


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _step1a(word: str) -> str:
    if word.endswith(("sses", "ies")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _step1b(word: str) -> str:
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if _ends_double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if _measure(word) == 1 and _ends_cvc(word):
                return word + "e"
            return word
    return word


def _step1(word: str) -> str:
    word = _step1b(_step1a(word))
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        base = word[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _ends_cvc(base)):
            word = base
    if _measure(word) > 1 and _ends_double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Porter stem of one lower-case word, as SQLite FTS5's porter tokenizer gives it."""
    if len(word) <= 2 or len(word) > 64 or not word.isascii() or not word.isalpha():
        return word
    word = _step1(word)
    word = _replace(word, _STEP2, lambda base: _measure(base) > 0)
    word = _replace(word, _STEP3, lambda base: _measure(base) > 0)
    word = _step4_suffixes(word)
    return _step5(word)


def _step4_suffixes(word: str) -> str:
    for suffix in sorted((*_STEP4, "ion"), key=len, reverse=True):
        if not word.endswith(suffix):
            continue
        base = word[: len(word) - len(suffix)]
        if suffix == "ion":
            ok = bool(base) and base[-1] in "st" and _measure(base) > 1
        else:
            ok = _measure(base) > 1
        return base if ok else word
    return word
