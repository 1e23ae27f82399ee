"""The load test's figures: locust's stats read, the writes it confirmed set against the
rows the database holds, and the verdict (no errors, no lost writes)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# Locust request names (hub/ops/load/locustfile.py) of the writes the runner counts in the DB.
WRITES = {
    "rsvp": "RSVP: sign up to an open session",
    "submit": "Submit: contribute a case",
}


@dataclass(frozen=True)
class RequestStats:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    rps: float

    @property
    def successes(self) -> int:
        return self.requests - self.failures


@dataclass
class LoadResult:
    engine: str
    by_name: dict[str, RequestStats]
    total: RequestStats
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.total.failures

    def lost_writes(self) -> dict[str, int]:
        """Confirmed writes without their row (positive) or rows nobody was told of (negative)."""
        return {kind: self.confirmed(kind) - self.rows.get(kind, 0) for kind in sorted(WRITES)}

    def confirmed(self, kind: str) -> int:
        stats = self.by_name.get(WRITES[kind])
        return stats.successes if stats else 0

    @property
    def passed(self) -> bool:
        writes_made = all(self.confirmed(kind) > 0 for kind in WRITES)
        no_lost_writes = not any(self.lost_writes().values())
        return self.total.requests > 0 and self.errors == 0 and writes_made and no_lost_writes


def percentile(histogram: dict[int, int], fraction: float) -> float:
    """The smallest response time (ms) that `fraction` of the requests took at most."""
    total = sum(histogram.values())
    if not total:
        return 0.0
    needed, seen = fraction * total, 0
    for milliseconds in sorted(histogram):
        seen += histogram[milliseconds]
        if seen >= needed:
            return float(milliseconds)
    return float(max(histogram))


def _stats(name: str, entries: list[dict], seconds: float) -> RequestStats:
    histogram: dict[int, int] = {}
    for entry in entries:
        for milliseconds, count in entry["response_times"].items():
            histogram[int(milliseconds)] = histogram.get(int(milliseconds), 0) + count
    requests = sum(entry["num_requests"] for entry in entries)
    return RequestStats(
        name=name,
        requests=requests,
        failures=sum(entry["num_failures"] for entry in entries),
        p50_ms=percentile(histogram, 0.50),
        p95_ms=percentile(histogram, 0.95),
        rps=requests / seconds if seconds > 0 else 0.0,
    )


def parse_stats_json(path: Path) -> tuple[dict[str, RequestStats], RequestStats]:
    """Locust's --json-file: an entry a request name and method, each with a histogram of
    response times. Written after the last user stopped, unlike its CSV, which is a snapshot
    taken each second and can miss the writes that finish last."""
    entries = json.loads(path.read_text())
    if not isinstance(entries, list) or not all("response_times" in entry for entry in entries):
        raise ValueError(f"{path} is not locust's JSON stats.")
    if not entries:
        raise ValueError(f"{path} holds no requests: the load test made none.")
    started = min(entry["start_time"] for entry in entries)
    ended = max(entry["last_request_timestamp"] or started for entry in entries)
    seconds = ended - started
    by_entry: dict[str, list[dict]] = {}
    for entry in entries:
        by_entry.setdefault(entry["name"], []).append(entry)
    by_name = {name: _stats(name, named, seconds) for name, named in by_entry.items()}
    return by_name, _stats("Total", entries, seconds)


def format_result(result: LoadResult) -> list[str]:
    lines = [
        f"{result.engine}: {result.total.requests} requests, {result.total.rps:.1f} req/s, "
        f"p50 {result.total.p50_ms:.0f} ms, p95 {result.total.p95_ms:.0f} ms, "
        f"{result.errors} errors",
    ]
    for stats in sorted(result.by_name.values(), key=lambda stats: stats.name):
        lines.append(
            f"  {stats.name:36} {stats.requests:6} requests  p50 {stats.p50_ms:6.0f} ms  "
            f"p95 {stats.p95_ms:6.0f} ms  {stats.failures} failed"
        )
    for kind, lost in result.lost_writes().items():
        lines.append(
            f"  {kind}: {result.confirmed(kind)} confirmed, {result.rows.get(kind, 0)} rows, "
            f"{lost} lost"
        )
    return lines


def format_comparison(first: LoadResult, second: LoadResult) -> str:
    """'postgresql vs sqlite: throughput x1.23, p95 x0.80'."""
    throughput = second.total.rps / first.total.rps if first.total.rps else float("nan")
    p95 = second.total.p95_ms / first.total.p95_ms if first.total.p95_ms else float("nan")
    return f"{second.engine} vs {first.engine}: throughput x{throughput:.2f}, p95 x{p95:.2f}"
