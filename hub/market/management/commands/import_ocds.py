from pathlib import Path

from django.core.management.base import CommandError

from hub.core.commands import HubCommand
from hub.core.importing import ImportFileError
from hub.market.importers.ocds import import_ocds


def report_run(command, run) -> None:
    counts = run.counts
    command.stdout.write(
        command.style.SUCCESS(
            f"{run.location}: {counts.get('releases', 0)} read, "
            f"contracts created {counts.get('contracts_created', 0)}, "
            f"updated {counts.get('contracts_updated', 0)}, "
            f"unchanged {counts.get('contracts_unchanged', 0)}; "
            f"awards created {counts.get('awards_created', 0)}; "
            f"suppliers created {counts.get('suppliers_created', 0)}; "
            f"skipped {counts.get('skipped', 0)}."
        )
    )
    if not counts.get("contracts_created") and not counts.get("contracts_updated"):
        command.stdout.write("Nothing changed: the Hub already matches the file.")
    for skip in run.skipped[:20]:
        command.stdout.write(f"  skipped {skip['row']}, {skip['field']}: {skip['reason']}")
    if len(run.skipped) > 20:
        command.stdout.write(f"  ...and {len(run.skipped) - 20} more (see the import's page)")


class Command(HubCommand):
    help = (
        "Import OCDS release or record packages (files, a folder of .json files, or URLs): "
        "idempotent, all or nothing per file, bad releases skipped with a reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("locations", nargs="*", help="Files or http(s) addresses.")
        parser.add_argument("--dir", type=Path, help="Import every .json file in this folder.")

    def handle(self, *args, locations, dir, **options):
        targets = list(locations)
        if dir is not None:
            if not dir.is_dir():
                raise CommandError(f"There is no folder at {dir}")
            targets += [str(path) for path in sorted(dir.glob("*.json"))]
        if not targets:
            raise CommandError("Give a file, a URL or --dir.")
        for location in targets:
            with self.progress(total=None, desc=Path(location).name, unit="contract") as bar:
                try:
                    run = import_ocds(location, progress=bar.update)
                except ImportFileError as error:
                    raise CommandError(str(error)) from None
            report_run(self, run)
