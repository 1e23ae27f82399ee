from django.core.management.base import BaseCommand
from tqdm import tqdm

from hub.search.registry import indexable, registered_kinds
from hub.search.services import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the records (all kinds, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild (default: all).")

    def handle(self, *args, kinds, **options):
        kinds = kinds or registered_kinds()
        total = sum(indexable(kind).queryset().count() for kind in kinds)
        with tqdm(
            total=total,
            desc="Indexing",
            unit="record",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        ) as bar:
            counts = search_rebuild(kinds=kinds, progress=bar.update)
        for kind, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} {kind} records"))
