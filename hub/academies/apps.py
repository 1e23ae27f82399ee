from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class AcademiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.academies"
    verbose_name = "Academies"
    navigation = NavigationItem(
        text="Academies", url_name="academies:home", path_prefix="/academies/", order=25
    )

    def ready(self) -> None:
        from hub.academies import rules  # noqa: F401 - registers the permissions
