from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.events"
    verbose_name = "Round tables and open sessions"

    def ready(self) -> None:
        from hub.events import rules  # noqa: F401 - registers the permissions
