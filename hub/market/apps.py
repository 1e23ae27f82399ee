from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class MarketConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.market"
    verbose_name = "Supplier market"
    navigation = NavigationItem(
        text="Market", url_name="market:home", path_prefix="/market/", order=40
    )

    def ready(self) -> None:
        from hub.market import rules  # noqa: F401 - registers the permissions
