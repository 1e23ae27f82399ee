from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class ChampionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.champions"
    verbose_name = "Digital champions"
    navigation = NavigationItem(
        text="Champions", url_name="champions:directory", path_prefix="/champions/", order=30
    )

    def ready(self) -> None:
        from hub.champions import rules  # noqa: F401 - registers the permissions
        from hub.champions.search import register_for_search

        register_for_search()
