from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class CasesConfig(AppConfig):
    """The digital good practice database: case studies, reports, toolkits and guidance."""

    name = "hub.cases"
    label = "cases"
    verbose_name = "Good practice"
    navigation = NavigationItem(
        text="Good practice", url_name="cases:list", path_prefix="/cases/", order=10
    )

    def ready(self) -> None:
        from hub.cases.search import register_for_search

        register_for_search()
