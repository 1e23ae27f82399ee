"""A base for the Hub's management commands: one progress bar and one way to report imports."""

from django.core.management.base import BaseCommand
from tqdm import tqdm


class HubCommand(BaseCommand):
    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def progress(self, *, total: int, desc: str, unit: str) -> tqdm:
        """A progress bar on stderr, silent at --verbosity 0."""
        return tqdm(
            total=total, desc=desc, unit=unit, file=self.stderr._out, disable=self.verbosity == 0
        )

    def report(self, summary, *, dry_run: bool = False) -> None:
        self.stdout.write(self.style.SUCCESS(str(summary)))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
