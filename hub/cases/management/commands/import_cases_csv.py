from pathlib import Path

from django.core.management.base import CommandError

from hub.cases.importers.bulk_csv import cases_csv_import, read_cases_csv
from hub.core.commands import HubCommand
from hub.core.importing import ImportFileError


class Command(HubCommand):
    help = (
        "Import good practice records from the programme team's bulk CSV template: "
        "validating, idempotent and all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The filled-in template (CSV, UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            rows = read_cases_csv(path)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Read {len(rows)} rows from {path}")
        with self.progress(total=len(rows), desc="Importing good practice", unit="row") as bar:
            summary = cases_csv_import(rows=rows, dry_run=dry_run, progress=bar.update)
        self.report(summary, dry_run=dry_run)
