from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from hub.ops.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup; PostgreSQL: pg_dump) to a file, with "
        "a manifest beside it (row counts, migrations, sha256) that restore_database checks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            help="The backup file, or a folder (ending in /) for a timestamped name in it.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output: str, database: str, **options):
        try:
            result = backup_database(connections[database].settings_dict, output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['engine']} database to {result.path}: "
                f"{manifest['size']:,} bytes, {len(manifest['tables'])} tables, "
                f"{result.row_count:,} rows."
            )
        )
        self.stdout.write(f"sha256 {manifest['sha256']}")
        self.stdout.write(f"Manifest: {result.manifest_path}")
