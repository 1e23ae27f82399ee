"""Score the one search service on a test collection: one corpus, one query set, one mode.

    manage.py bench_search --corpus FILE --queries FILE --qrels FILE --run-out FILE
        [--mode bm25|lexical|semantic|hybrid] [--min-rel N] [--service-list auto|none|FILE]

Loads the corpus through the Hub's own importer into a throwaway database (a temporary SQLite
file, or `<name>_bench_<pid>` on PostgreSQL, dropped afterwards), runs every query through the
search service, writes a TREC run (top 100) and prints nDCG@10, Recall@10 and MRR@10 on its
last line (Recall and MRR count grade >= --min-rel as relevant).
"""

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from hub.search.bench.baseline import describe as describe_baseline
from hub.search.bench.database import throwaway_database
from hub.search.bench.relevance import BM25, MODES, load_task, run_and_score

LGSL_CORPUS = "corpus-lgsl.jsonl"


class Command(BaseCommand):
    help = (
        "Load a corpus into a throwaway database, run the queries through the search service, "
        "write a TREC run and print nDCG@10, Recall@10 and MRR@10 on the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, type=Path, help="Corpus JSONL file.")
        parser.add_argument("--queries", required=True, type=Path, help="qid<TAB>text file.")
        parser.add_argument("--qrels", required=True, type=Path, help="TREC qrels file.")
        parser.add_argument("--run-out", required=True, type=Path, help="TREC run to write.")
        parser.add_argument("--mode", choices=MODES, default="hybrid")
        parser.add_argument(
            "--min-rel",
            type=int,
            default=1,
            help="Lowest grade Recall@10 and MRR@10 count as relevant (default 1).",
        )
        parser.add_argument(
            "--service-list",
            default="auto",
            help=(
                "An LGSL corpus file to load as the taxonomy the search vocabulary uses, as "
                "every site has it: 'auto' (the default) takes corpus-lgsl.jsonl beside the "
                "corpus if there is one; 'none' loads none."
            ),
        )
        parser.add_argument(
            "--current-database",
            action="store_true",
            help="Use the configured database as it is instead of a throwaway one (tests).",
        )

    def handle(self, *args, corpus, queries, qrels, **options):
        for path in (corpus, queries, qrels):
            if not path.is_file():
                raise CommandError(f"There is no file at {path}")
        services = options["service_list"]
        if services == "auto":
            sibling = corpus.parent / LGSL_CORPUS
            services = sibling if sibling.is_file() else None
        elif services == "none":
            services = None
        else:
            services = Path(services)
            if not services.is_file():
                raise CommandError(f"There is no file at {services}")
        bench = partial(self._bench, corpus, queries, qrels, services, **options)
        # Timing and memory as in production: no query log.
        with override_settings(DEBUG=False):
            if options["current_database"]:
                return bench()
            with throwaway_database() as name:
                if options["verbosity"] > 1:
                    self.stderr.write(f"Throwaway database: {name}")
                return bench()

    def _bench(self, corpus, queries, qrels, services, *, run_out, mode, min_rel, **options):
        say = self.stderr.write if options["verbosity"] else None
        task = load_task(corpus, service_list=services, progress=say)
        scored = run_and_score(
            task,
            queries_path=queries,
            qrels_path=qrels,
            run_path=run_out,
            mode=mode,
            min_rel=min_rel,
        )
        run = scored.mode_run
        searched = f"plain BM25 floor: {describe_baseline()}" if mode == BM25 else "search service"
        self.stdout.write(
            f"mode {mode}, ran as {run.ran_as_label} ({searched}); {len(run.run)} queries in "
            f"{run.seconds:.1f} s; run written to {run_out}"
        )
        if min_rel != 1:
            self.stdout.write(f"min-rel 1: {scored.scores.line()}")
            self.stdout.write(f"{scored.headline.queries} queries; min-rel {min_rel}:")
        else:
            self.stdout.write(f"{scored.headline.queries} queries; min-rel 1:")
        self.stdout.write(scored.headline.line())
