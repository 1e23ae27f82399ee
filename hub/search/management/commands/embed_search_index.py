from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hub.search.embeddings import provider_state
from hub.search.models import SearchDocument
from hub.search.services import search_embed_missing


class Command(BaseCommand):
    help = (
        "Compute the missing or stale vectors of the search index (all kinds, or those "
        "named), taking unchanged text from the embedding cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to embed (default: all).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the documents, compute nothing."
        )

    def handle(self, *args, kinds, dry_run, **options):
        state = provider_state()
        if state.provider is None:
            raise CommandError(f"No embedding model: {state.reason}")
        documents = SearchDocument.objects.all()
        if kinds:
            documents = documents.filter(kind__in=kinds)
        total = documents.count()
        if dry_run:
            self.stdout.write(f"{total} documents to check with {state.provider.key}")
            return
        with tqdm(
            total=total,
            desc="Embedding",
            unit="document",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        ) as bar:
            counts = search_embed_missing(kinds=kinds or None, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Computed {counts.computed} passage vectors, took {counts.cached} from the cache, "
                f"{counts.unchanged} documents were current ({state.provider.key})"
            )
        )
