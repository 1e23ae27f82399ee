from django.core.management.base import BaseCommand
from tqdm import tqdm

from hub.search.embeddings import get_embedding_provider
from hub.search.registry import indexable, registered_kinds
from hub.search.services import search_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the records (all kinds, or those named), then their "
        "vectors when an embedding model is installed."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild (default: all).")

    def handle(self, *args, kinds, **options):
        kinds = kinds or registered_kinds()
        total = sum(indexable(kind).queryset().count() for kind in kinds)
        quiet = options["verbosity"] == 0
        out = self.stderr._out
        with (
            tqdm(total=total, desc="Indexing", unit="record", file=out, disable=quiet) as bar,
            tqdm(
                total=total,
                desc="Embedding",
                unit="record",
                file=out,
                disable=quiet or get_embedding_provider() is None,
            ) as embed_bar,
        ):
            counts = search_rebuild(
                kinds=kinds, progress=bar.update, embed_progress=embed_bar.update
            )
        for kind, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} {kind} records"))
