from django.apps import AppConfig


class ChampionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.champions"
    verbose_name = "Digital champions"

    def ready(self) -> None:
        from hub.champions import rules  # noqa: F401 - registers the permissions
