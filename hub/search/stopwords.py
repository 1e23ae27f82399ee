"""Common English words that carry no meaning for search.

PostgreSQL's `english` configuration drops these itself; SQLite FTS5 has no stop list, so
an OR of every word in a long question makes it score almost every record. The SQLite
backend leaves them out whenever the query has another word to search for.
"""

STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves
    """.split()
)


def content_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms without stop words, or all of them when nothing else would be left."""
    kept = tuple(term for term in terms if term not in STOP_WORDS)
    return kept or terms
