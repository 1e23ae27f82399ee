from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from hub.cases.importers.markdown import (
    COLLECTIONS,
    content_import,
    manifest_rows,
    read_collection,
)
from hub.core.commands import HubCommand
from hub.core.importing import ImportFileError


class Command(HubCommand):
    help = (
        "Import a collection of Markdown documents (design histories or the first Service "
        "Manual) into the good practice database: validating, idempotent and all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--collection", required=True, choices=sorted(COLLECTIONS))
        parser.add_argument(
            "--dir",
            dest="folder",
            type=Path,
            help="The folder holding manifest.csv and the files (default: the collection's "
            "folder in the shared data folder).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, collection: str, folder: Path | None, dry_run: bool, **options):
        folder = folder or settings.HUB_SHARED_DATA_DIR / COLLECTIONS[collection].folder
        try:
            with self.progress(total=manifest_rows(folder), desc="Reading", unit="document") as bar:
                content = read_collection(name=collection, folder=folder, progress=bar.update)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Read {len(content.documents)} documents from {folder}")
        total = len(content.documents)
        with self.progress(total=total, desc="Importing", unit="document") as bar:
            summary = content_import(content=content, dry_run=dry_run, progress=bar.update)
        self.report(summary, dry_run=dry_run)
