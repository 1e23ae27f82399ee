from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from hub.core.commands import HubCommand
from hub.organisations.importers.register import (
    REGISTER_FILENAME,
    RegisterImportError,
    read_register,
    register_import,
)


class Command(HubCommand):
    help = "Import the UK local authority register (mySociety CSV): idempotent and all or nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=settings.HUB_SHARED_DATA_DIR / "uk-local-authorities" / REGISTER_FILENAME,
            help="The register CSV (default: the shared data folder).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            rows = read_register(path)
        except RegisterImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Read {len(rows)} rows from {path}")
        with self.progress(total=len(rows), desc="Importing councils", unit="row") as bar:
            try:
                summary = register_import(rows=rows, dry_run=dry_run, progress=bar.update)
            except RegisterImportError as error:
                raise CommandError(str(error)) from None
        self.report(summary, dry_run=dry_run)
