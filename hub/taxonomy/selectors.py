"""Reads from the shared vocabularies."""

from django.db.models import Q, QuerySet

from hub.taxonomy.models import ServiceArea, Theme, ThemeKind


def service_area_search(*, query: str) -> QuerySet[ServiceArea]:
    """LGSL service areas whose label holds every word of `query`, or whose code it is.

    The LGSL has about 1,500 services, so matching labels in the database is fine here.
    """
    query = query.strip()
    if not query:
        return ServiceArea.objects.none()
    by_words = Q()
    for word in query.split():
        by_words &= Q(label__icontains=word)
    is_code = query.isdigit() and len(query) <= 6
    matches = by_words | Q(lgsl_code=int(query)) if is_code else by_words
    return ServiceArea.objects.filter(matches).order_by("label", "lgsl_code")


def themes_of_kind(kind: ThemeKind) -> QuerySet[Theme]:
    return Theme.objects.filter(kind=kind).order_by("order", "name")
