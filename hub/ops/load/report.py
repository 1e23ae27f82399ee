"""The load test's figures: locust's stats CSV read, the writes it confirmed set against the
rows the database holds, and the verdict (no errors, no lost writes)."""

from __future__ import annotations

import csv
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


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def parse_stats_csv(path: Path) -> tuple[dict[str, RequestStats], RequestStats]:
    """Locust's <prefix>_stats.csv: one row a request name, then the "Aggregated" row."""
    by_name: dict[str, RequestStats] = {}
    total = None
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            stats = RequestStats(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50_ms=_number(row["50%"]),
                p95_ms=_number(row["95%"]),
                rps=_number(row["Requests/s"]),
            )
            if row["Name"] == "Aggregated":
                total = stats
            else:
                # The same name under GET and POST adds up; the runner names each once.
                by_name[row["Name"]] = stats
    if total is None:
        raise ValueError(f"{path} has no Aggregated row: is it locust's stats CSV?")
    return by_name, total


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
