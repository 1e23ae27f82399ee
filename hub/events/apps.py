from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.events"
    verbose_name = "Round tables and open sessions"
    navigation = NavigationItem(
        text="Events", url_name="events:list", path_prefix="/events/", order=20
    )

    def ready(self) -> None:
        from hub.events import rules  # noqa: F401 - registers the permissions
