from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class AssessmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.assessment"
    verbose_name = "Self-assessment"
    navigation = NavigationItem(
        text="Self-assessment",
        url_name="assessment:home",
        path_prefix="/self-assessment/",
        order=35,
    )

    def ready(self) -> None:
        from hub.assessment import rules  # noqa: F401 - registers the permissions
