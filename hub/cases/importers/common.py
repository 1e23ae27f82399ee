"""Parts the good practice importers share: slugs for new records, the summary they print,
and re-indexing the records for search once, after they are written."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import slugify

from hub.cases.models import Resource
from hub.cases.search import SEARCH_KIND
from hub.core.importing import ImportSummary
from hub.search.services import search_rebuild


@dataclass
class ResourceImportSummary(ImportSummary):
    organisations_created: list[str] = field(default_factory=list)
    reindexed: int | None = None

    def __str__(self) -> str:
        text = super().__str__()
        if self.organisations_created:
            verb = "Would add" if self.dry_run else "Added"
            count = len(self.organisations_created)
            noun = "organisation" if count == 1 else "organisations"
            text += f" {verb} {count} {noun}: {', '.join(self.organisations_created)}."
        if self.reindexed is not None:
            text += f" Search now finds {self.reindexed} published good practice records."
        return text


class SlugAllocator:
    """Slugs for new records from their titles, unique among every record and each other."""

    def __init__(self) -> None:
        self.taken = set(Resource.objects.values_list("slug", flat=True))

    def allocate(self, title: str) -> str:
        base = slugify(title)[:100].strip("-") or "resource"
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


def reindex_for_search(summary: ResourceImportSummary) -> None:
    """Rebuild the search index of good practice once, if the import changed anything."""
    if summary.changed_anything and not summary.dry_run:
        summary.reindexed = search_rebuild(kinds=[SEARCH_KIND])[SEARCH_KIND]
