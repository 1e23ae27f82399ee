"""The load test runner's own logic: locust's stats read, and writes set against rows."""

import json
from dataclasses import replace

import pytest

from hub.ops.load.report import (
    WRITES,
    LoadResult,
    format_comparison,
    format_result,
    parse_stats_json,
)


def _entry(method, name, times, failures=0, start=1000.0, end=1010.0):
    """One locust stats entry: `times` maps response milliseconds to how many took that."""
    return {
        "name": name,
        "method": method,
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "response_times": {str(ms): count for ms, count in times.items()},
        "start_time": start,
        "last_request_timestamp": end,
    }


def _write(path, entries):
    path.write_text(json.dumps(entries))
    return path


@pytest.fixture
def stats_json(tmp_path):
    return _write(
        tmp_path / "locust.json",
        [
            # 20 requests: 18 at 40 ms, then 1 at 180 and 1 at 900: p50 40, p95 180.
            _entry("GET", "Home", {40: 18, 180: 1, 900: 1}),
            _entry("POST", WRITES["rsvp"], {90: 10}, failures=2),
            _entry("POST", WRITES["submit"], {70: 10}, end=1020.0),
        ],
    )


def test_the_stats_give_each_request_type_and_the_total(stats_json):
    by_name, total = parse_stats_json(stats_json)
    assert set(by_name) == {"Home", WRITES["rsvp"], WRITES["submit"]}
    assert by_name[WRITES["rsvp"]].successes == 8
    assert (by_name["Home"].p50_ms, by_name["Home"].p95_ms) == (40, 180)
    # 40 requests in the 20 s from the first start to the last request.
    assert (total.requests, total.failures, total.rps) == (40, 2, 2.0)
    assert total.p95_ms == 90


def test_the_same_name_under_two_methods_adds_up(tmp_path):
    path = _write(
        tmp_path / "two.json", [_entry("GET", "Event", {10: 3}), _entry("POST", "Event", {30: 1})]
    )
    by_name, _ = parse_stats_json(path)
    assert by_name["Event"].requests == 4
    assert by_name["Event"].p95_ms == 30


def test_a_file_that_is_not_locust_stats_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not locust"):
        parse_stats_json(_write(tmp_path / "other.json", {"requests": 3}))
    with pytest.raises(ValueError, match="no requests"):
        parse_stats_json(_write(tmp_path / "empty.json", []))


def _result(stats, rows):
    by_name, total = parse_stats_json(stats)
    return LoadResult(engine="sqlite", by_name=by_name, total=total, rows=rows)


def test_writes_confirmed_but_missing_from_the_database_are_lost(stats_json):
    result = _result(stats_json, {"rsvp": 7, "submit": 10})
    assert result.lost_writes() == {"rsvp": 1, "submit": 0}
    assert not result.passed
    assert "  rsvp: 8 confirmed, 7 rows, 1 lost" in format_result(result)


def test_rows_nobody_was_told_of_fail_too(stats_json):
    """A write that was saved but answered with an error: the person will try again."""
    result = _result(stats_json, {"rsvp": 9, "submit": 10})
    assert result.lost_writes()["rsvp"] == -1
    assert not result.passed


def test_errors_fail_the_run_even_when_every_write_is_there(stats_json):
    result = _result(stats_json, {"rsvp": 8, "submit": 10})
    assert result.lost_writes() == {"rsvp": 0, "submit": 0}
    assert result.errors == 2
    assert not result.passed


def test_a_clean_run_passes_and_compares(tmp_path):
    path = _write(
        tmp_path / "clean.json",
        [_entry("POST", WRITES["rsvp"], {100: 10}), _entry("POST", WRITES["submit"], {400: 10})],
    )
    sqlite = _result(path, {"rsvp": 10, "submit": 10})
    assert sqlite.passed
    assert (sqlite.total.rps, sqlite.total.p95_ms) == (2.0, 400)
    postgresql = replace(
        sqlite, engine="postgresql", total=replace(sqlite.total, rps=3.0, p95_ms=200)
    )
    assert format_comparison(sqlite, postgresql) == (
        "postgresql vs sqlite: throughput x1.50, p95 x0.50"
    )


def test_a_run_without_any_write_does_not_pass(tmp_path):
    path = _write(tmp_path / "reads.json", [_entry("GET", "Home", {9: 10})])
    assert not _result(path, {"rsvp": 0, "submit": 0}).passed


def test_the_locust_scenario_names_its_writes_as_the_runner_counts_them():
    from hub.ops.management.commands.bench_load import LOCUSTFILE

    source = LOCUSTFILE.read_text()
    for name in WRITES.values():
        assert f'"{name}"' in source
