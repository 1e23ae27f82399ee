"""`manage.py bench_search` on a tiny collection: a run file and the scores' last line."""

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from .conftest import CORPUS, QRELS, QUERIES

SCORES_LINE = re.compile(r"^nDCG@10 (\d\.\d{4})  Recall@10 (\d\.\d{4})  MRR@10 (\d\.\d{4})$")
POST = "dh:example/posts/alpha/2024-01-01-testing-the-prototype.md"


def bench_search(run_out, *extra) -> list[str]:
    out = StringIO()
    call_command(
        "bench_search",
        f"--corpus={CORPUS}",
        f"--queries={QUERIES}",
        f"--qrels={QRELS}",
        f"--run-out={run_out}",
        "--current-database",
        *extra,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue().splitlines()


def top_documents(run_out) -> dict[str, str]:
    top = {}
    for line in run_out.read_text().splitlines():
        qid, _, doc_id, rank, _, _ = line.split()
        if rank == "1":
            top[qid] = doc_id
    return top


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["bm25", "lexical", "semantic", "hybrid"])
def test_bench_search_writes_a_run_and_prints_the_scores_last(tmp_path, mode):
    run_out = tmp_path / f"{mode}.run"

    lines = bench_search(run_out, f"--mode={mode}")

    assert SCORES_LINE.match(lines[-1]), lines
    # The test settings' fake embedding model makes every mode run as asked.
    assert f"mode {mode}, ran as {mode}" in lines[0]
    assert set(top_documents(run_out)) <= {"q-bulky", "q-school", "q-dashboard"}
    if mode in ("bm25", "lexical"):
        assert top_documents(run_out)["q-dashboard"] == POST


@pytest.mark.django_db
def test_min_rel_is_the_headline_and_min_rel_1_comes_before_it(tmp_path):
    lines = bench_search(tmp_path / "run", "--mode=lexical", "--min-rel=2")

    assert lines[-2] == "1 queries; min-rel 2:"
    assert lines[-3].startswith("min-rel 1: nDCG@10")
    assert SCORES_LINE.match(lines[-1]).group(3) == "1.0000"


def test_bench_search_runs_in_a_throwaway_database_of_its_own(tmp_path, bench_cache_dir):
    """The command as a person runs it: its own process and database, dropped afterwards."""
    run_out = tmp_path / "bm25.run"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "HUB_BENCH_CACHE_DIR": str(bench_cache_dir),
    }
    command = [sys.executable, "manage.py", "bench_search", "--mode=bm25"]
    command += [f"--corpus={CORPUS}", f"--queries={QUERIES}", f"--qrels={QRELS}"]
    finished = subprocess.run(  # noqa: S603 - our own manage.py
        [*command, f"--run-out={run_out}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    assert SCORES_LINE.match(finished.stdout.splitlines()[-1])
    assert top_documents(run_out)["q-dashboard"] == POST
