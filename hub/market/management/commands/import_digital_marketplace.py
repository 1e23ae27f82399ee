from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from hub.core.commands import HubCommand
from hub.core.importing import ImportFileError
from hub.market.importers.digital_marketplace import import_digital_marketplace
from hub.market.management.commands.import_ocds import report_run


class Command(HubCommand):
    help = "Import the Digital Marketplace opportunities CSV: idempotent and all or nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=str(
                settings.HUB_SHARED_DATA_DIR
                / "digital-marketplace-opportunities"
                / "opportunity-data.csv"
            ),
            help="The CSV file or an http(s) address (default: the shared data folder).",
        )

    def handle(self, *args, path: str, **options):
        with self.progress(total=None, desc=Path(path).name, unit="opportunity") as bar:
            try:
                run = import_digital_marketplace(path, progress=bar.update)
            except ImportFileError as error:
                raise CommandError(str(error)) from None
        report_run(self, run)
