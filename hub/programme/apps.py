from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """Read-only views across every app for the programme unit. Nothing depends on it, and it
    reads other apps only through their selectors. No navigation entry: staff reach it from
    their account page (it is not for the public)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.programme"
    verbose_name = "Programme unit"

    def ready(self) -> None:
        from hub.programme import rules  # noqa: F401 - registers the permissions
