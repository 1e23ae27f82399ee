"""How the LGSL service list feeds the one search service's vocabulary: a service's label and
former names (from its history notes) let a search in one wording find records in another."""

import re

from django.db.models import Count, Max

from hub.search.vocabulary import NamedTerm, NameSource, register_names

# "Term name changed from 'Educating your child at home' to 'Schools - home schooling' in ..."
_FORMER_NAME = re.compile(r"(?:from|to)\s*'(.+?)'(?=\s*(?:to|in|and)\b)", re.IGNORECASE)


def former_names(history_notes: str, *, label: str = "") -> tuple[str, ...]:
    """The names an LGSL service had before, as its history notes give them."""
    names = dict.fromkeys(name.strip() for name in _FORMER_NAME.findall(history_notes or ""))
    return tuple(name for name in names if name and name.lower() != label.lower())


def lgsl_terms() -> list[NamedTerm]:
    from hub.taxonomy.models import ServiceArea

    rows = ServiceArea.objects.values_list("label", "history_notes")
    return [NamedTerm(label, former_names(notes, label=label)) for label, notes in rows]


def lgsl_version() -> tuple:
    """Changes whenever a service is added, changed or removed (saves touch updated_at)."""
    from hub.taxonomy.models import ServiceArea

    return tuple(
        ServiceArea.objects.aggregate(
            count=Count("pk"), last=Max("pk"), changed=Max("updated_at")
        ).values()
    )


def register_for_search() -> None:
    register_names(NameSource(name="lgsl", terms=lgsl_terms, version=lgsl_version))
