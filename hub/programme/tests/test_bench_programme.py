"""bench_programme: it generates the volumes asked for and prints the table of every programme
page (no timing is asserted: only that it runs, and what it prints)."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from hub.academies.models import Attendance
from hub.cases.models import Adoption, Benefit, Resource, Status
from hub.events.models import Invitation
from hub.organisations.models import COUNCIL_KINDS, Organisation
from hub.programme import bench

TABLE_HEADER = "| Page | Address | p50 (ms) | p95 (ms) | p50 / baseline | Queries | Status |"


def rows_of(output: str) -> dict[str, list[str]]:
    """The table's rows by page label: the other cells, stripped."""
    rows = {}
    for line in output.splitlines():
        if line.startswith("| ") and not line.startswith(("| Page ", "| ---")):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def test_the_default_sizes_are_the_issues_sector():
    sizes = bench.Sizes()
    assert (sizes.cases, sizes.attendance, sizes.adoptions) == (10_000, 100_000, 20_000)
    assert sizes.enrolments * bench.SESSIONS_A_COHORT + sizes.event_places == 100_000


@pytest.mark.django_db
def test_the_sector_has_the_volumes_asked_for():
    sizes = bench.Sizes(cases=60, attendance=900, adoptions=150)

    generated = bench.generate_sector(sizes, real_register=False)

    assert Resource.objects.filter(status=Status.PUBLISHED).count() == 60
    assert Adoption.objects.count() == 150
    assert Attendance.objects.count() + Invitation.objects.count() == 900
    statuses = set(Benefit.objects.values_list("evidence_status", flat=True))
    assert statuses == {"claimed", "verified", "disputed"}
    councils = Organisation.objects.filter(kind__in=COUNCIL_KINDS, is_current=True).count()
    assert generated.counts["councils (current)"] == councils
    assert generated.counts["councils taking part"] < councils  # some take part in nothing
    # Backdated: activity spreads over the programme's history, not all today.
    assert Adoption.objects.dates("created_at", "month").count() > 3


@pytest.mark.django_db
def test_the_quick_run_prints_every_page_with_its_ratio_and_queries():
    out = StringIO()
    call_command("bench_programme", "--quick", "--current-database", stdout=out, stderr=StringIO())
    output = out.getvalue()

    assert "## Programme pages at sector scale" in output
    assert TABLE_HEADER in output
    rows = rows_of(output)
    labels = [page.label for page in bench.pages_to_time()]
    assert list(rows) == labels
    assert rows["Councils list (baseline)"][3] == "1.00x"
    for label, cells in rows.items():
        assert cells[-1] == "200", (label, cells)  # every page answered
        assert int(cells[-2]) > 0  # and its queries were counted
        assert cells[3].endswith("x")


def test_sizes_must_be_known_names_and_whole_numbers():
    with pytest.raises(CommandError, match="--sizes takes"):
        call_command("bench_programme", "--sizes", "councils=3", "--current-database")
    with pytest.raises(CommandError, match="whole number"):
        call_command("bench_programme", "--sizes", "cases=many", "--current-database")


def test_the_command_runs_in_a_throwaway_database_of_its_own():
    """As `make bench` runs it: its own process and database, dropped afterwards."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    finished = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "bench_programme", "--quick", "--requests", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert TABLE_HEADER in finished.stdout
    assert "Dashboard" in rows_of(finished.stdout)
