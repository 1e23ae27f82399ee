"""How a champion profile is indexed by the one search service: only approved profiles can be
found, so a nomination never shows in a search, the directory, the API or matching."""

from hub.search.registry import Indexable, IndexText, register

SEARCH_KIND = "champion"


def champion_search_text(profile) -> IndexText:
    """Name and role over the role alone; then experience and every word of their expertise."""
    person = profile.person
    expertise = [
        *(area.label for area in profile.service_areas.all()),
        *(theme.name for theme in profile.themes.all()),
        *(case.title for case in profile.cases_led.all()),
        *(technology.name for technology in profile.technologies.all()),
        *(supplier.name for supplier in profile.suppliers.all()),
    ]
    return IndexText(
        title=f"{person.full_name}: {profile.role_summary}",
        summary=profile.role_summary,
        body="\n\n".join(text for text in [profile.experience, "\n".join(expertise)] if text),
    )


def _searchable_profiles():
    from hub.champions.selectors import approved_champions, with_expertise

    return with_expertise(approved_champions())


def register_for_search() -> None:
    register(Indexable(kind=SEARCH_KIND, queryset=_searchable_profiles, text=champion_search_text))
