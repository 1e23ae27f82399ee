from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hub.core.importing import ImportFileError
from hub.taxonomy.importers.lgsl import lgsl_import, read_lgsl


class Command(BaseCommand):
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
        with tqdm(
            total=len(data.services),
            desc="Importing LGSL services",
            unit="service",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        ) as bar:
            summary = lgsl_import(data=data, dry_run=dry_run, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(str(summary)))
