from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from hub.ops.backup import BackupError, pending_migrations, restore_database


class Command(BaseCommand):
    help = (
        "Restore the database from a backup_database file, after checking it against its "
        "manifest. Refuses a database that already holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="The backup file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database's content even though it already holds data.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, input: Path, force: bool, database: str, **options):  # noqa: A002
        connection = connections[database]
        # Our own connection would otherwise hold the old content (and, on SQLite, a lock).
        connection.close()
        try:
            manifest = restore_database(connection.settings_dict, input, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {input} (sha256 {manifest['sha256']}, made {manifest['created_at']}) "
                f"into {connection.settings_dict['NAME']}: {len(manifest['tables'])} tables, "
                f"{rows:,} rows, each table checked against the manifest."
            )
        )
        if manifest["left_alone"]:
            self.stdout.write(
                self.style.WARNING(
                    "These tables are not in the backup and were left as they were: "
                    + ", ".join(manifest["left_alone"])
                )
            )
        leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
        pending = pending_migrations(manifest, leaves)
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(pending)} of this code's migrations "
                    f"({', '.join(pending[:5])}): run `manage.py migrate` next."
                )
            )
