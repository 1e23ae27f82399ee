"""How a resource is indexed by the one search service: only published ones can be found."""

from hub.search.registry import Indexable, IndexText, register

SEARCH_KIND = "case"


def resource_search_text(resource) -> IndexText:
    """Title; then summary; then every section, the body and the words it is coded with."""
    coded = [
        *(area.label for area in resource.service_areas.all()),
        *(theme.name for theme in resource.themes.all()),
        *(technology.name for technology in resource.technologies.all()),
        *(supplier.name for supplier in resource.suppliers.all()),
        *(organisation.name for organisation in resource.partner_organisations.all()),
    ]
    if resource.lead_organisation:
        coded.append(resource.lead_organisation.name)
    sections = [
        resource.problem,
        resource.approach,
        resource.technology_notes,
        resource.cost_notes,
        resource.benefits_notes,
        resource.lessons,
        resource.do_differently,
        resource.body,
        *(benefit.description for benefit in resource.benefits.all()),
        " ".join(coded),
    ]
    return IndexText(
        title=resource.title,
        summary=resource.summary,
        body="\n\n".join(text for text in sections if text),
    )


def _searchable_resources():
    from hub.cases.selectors import published_resources

    return (
        published_resources()
        .select_related("lead_organisation")
        .prefetch_related(
            "service_areas",
            "themes",
            "technologies",
            "suppliers",
            "partner_organisations",
            "benefits",
        )
    )


def register_for_search() -> None:
    register(Indexable(kind=SEARCH_KIND, queryset=_searchable_resources, text=resource_search_text))
