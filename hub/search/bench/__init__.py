"""Benchmarks of the one search service: relevance on a test collection, and speed.

Relevance (`manage.py bench_search`, one run; `manage.py bench_report`, the whole table that
`make bench` prints) loads a corpus through the Hub's own content importer into a throwaway
database, runs every query through `hub.search.selectors.search`, writes a TREC run and
scores it with ir-measures. Speed (`bench_report`) times the search API, the bare full text
query and an `icontains` search at growing corpus sizes.

The package is a tool at the top of the stack: it builds good practice records (the `cases`
app) to measure what the site runs, so, unlike the rest of `hub.search`, it imports a domain
app, and only here.
"""
