from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from hub.core.commands import HubCommand
from hub.core.importing import ImportFileError
from hub.taxonomy.importers.lgsl import lgsl_import, read_lgsl


class Command(HubCommand):
    help = "Import the Local Government Service List (LGSL): idempotent and all or nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="folder",
            type=Path,
            default=settings.HUB_SHARED_DATA_DIR / "lgsl-services",
            help="The folder holding esd_functions.csv and esd_services.csv.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, folder: Path, dry_run: bool, **options):
        try:
            data = read_lgsl(folder)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Read {len(data.functions)} functions and {len(data.services)} services")
        total = len(data.services)
        with self.progress(total=total, desc="Importing LGSL services", unit="service") as bar:
            summary = lgsl_import(data=data, dry_run=dry_run, progress=bar.update)
        self.report(summary, dry_run=dry_run)
