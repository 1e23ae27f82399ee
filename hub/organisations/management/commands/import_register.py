from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hub.organisations.importers.register import (
    REGISTER_FILENAME,
    RegisterImportError,
    read_register,
    register_import,
)


class Command(BaseCommand):
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
        with tqdm(
            total=len(rows),
            desc="Importing councils",
            unit="row",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        ) as bar:
            summary = register_import(rows=rows, dry_run=dry_run, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(str(summary)))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
