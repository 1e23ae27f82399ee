from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """Shared vocabularies: LGSL service areas and functions, themes, evidence levels."""

    name = "hub.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomy"

    def ready(self) -> None:
        from hub.taxonomy.search import register_for_search

        register_for_search()
