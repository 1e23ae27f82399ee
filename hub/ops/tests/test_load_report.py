"""The load test runner's own logic: locust's stats read, and writes set against rows."""

from dataclasses import replace

import pytest

from hub.ops.load.report import (
    WRITES,
    LoadResult,
    format_comparison,
    format_result,
    parse_stats_csv,
)

HEADER = (
    '"Type","Name","Request Count","Failure Count","Median Response Time",'
    '"Average Response Time","Min Response Time","Max Response Time","Average Content Size",'
    '"Requests/s","Failures/s","50%","66%","75%","80%","90%","95%","98%","99%","99.9%",'
    '"99.99%","100%"'
)


def _row(kind, name, requests, failures, p50, p95, rps):
    return (
        f'"{kind}","{name}","{requests}","{failures}","{p50}","{p50}","1","{p95}","100",'
        f'"{rps}","0.0","{p50}","{p50}","{p50}","{p50}","{p95}","{p95}","{p95}","{p95}",'
        f'"{p95}","{p95}","{p95}"'
    )


@pytest.fixture
def stats_csv(tmp_path):
    path = tmp_path / "locust_stats.csv"
    rows = [
        HEADER,
        _row("GET", "Home", 120, 0, 40, 180, 2.0),
        _row("POST", WRITES["rsvp"], 30, 2, 90, 400, 0.5),
        _row("POST", WRITES["submit"], 25, 0, 70, 300, 0.4),
        _row("", "Aggregated", 175, 2, 50, 350, 2.9),
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_the_stats_csv_gives_each_request_type_and_the_total(stats_csv):
    by_name, total = parse_stats_csv(stats_csv)
    assert set(by_name) == {"Home", WRITES["rsvp"], WRITES["submit"]}
    assert by_name[WRITES["rsvp"]].successes == 28
    assert (by_name["Home"].p50_ms, by_name["Home"].p95_ms) == (40, 180)
    assert (total.requests, total.failures, total.rps, total.p95_ms) == (175, 2, 2.9, 350)


def test_a_file_without_the_aggregated_row_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text(HEADER + "\n" + _row("GET", "Home", 1, 0, 1, 1, 1) + "\n")
    with pytest.raises(ValueError, match="Aggregated"):
        parse_stats_csv(path)


def _result(stats_csv, rows):
    by_name, total = parse_stats_csv(stats_csv)
    return LoadResult(engine="sqlite", by_name=by_name, total=total, rows=rows)


def test_writes_confirmed_but_missing_from_the_database_are_lost(stats_csv):
    result = _result(stats_csv, {"rsvp": 27, "submit": 25})
    assert result.lost_writes() == {"rsvp": 1, "submit": 0}
    assert not result.passed
    assert "  rsvp: 28 confirmed, 27 rows, 1 lost" in format_result(result)


def test_rows_nobody_was_told_of_fail_too(stats_csv):
    """A write that was saved but answered with an error: the person will try again."""
    result = _result(stats_csv, {"rsvp": 29, "submit": 25})
    assert result.lost_writes()["rsvp"] == -1
    assert not result.passed


def test_errors_fail_the_run_even_when_every_write_is_there(stats_csv):
    result = _result(stats_csv, {"rsvp": 28, "submit": 25})
    assert result.lost_writes() == {"rsvp": 0, "submit": 0}
    assert result.errors == 2
    assert not result.passed


def test_a_clean_run_passes_and_compares(tmp_path):
    path = tmp_path / "clean_stats.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                _row("POST", WRITES["rsvp"], 10, 0, 90, 400, 0.5),
                _row("POST", WRITES["submit"], 5, 0, 70, 300, 0.4),
                _row("", "Aggregated", 15, 0, 80, 400, 2.0),
            ]
        )
    )
    sqlite = _result(path, {"rsvp": 10, "submit": 5})
    assert sqlite.passed
    postgresql = LoadResult(
        engine="postgresql",
        by_name=sqlite.by_name,
        total=replace(sqlite.total, rps=3.0, p95_ms=200),
        rows=sqlite.rows,
    )
    assert format_comparison(sqlite, postgresql) == (
        "postgresql vs sqlite: throughput x1.50, p95 x0.50"
    )


def test_a_run_without_any_write_does_not_pass(tmp_path):
    path = tmp_path / "reads_only_stats.csv"
    path.write_text(
        "\n".join(
            [HEADER, _row("GET", "Home", 10, 0, 9, 9, 1), _row("", "Aggregated", 10, 0, 9, 9, 1)]
        )
    )
    assert not _result(path, {"rsvp": 0, "submit": 0}).passed
