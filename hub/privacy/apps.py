from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "hub.privacy"
    label = "privacy"
    verbose_name = "Audit and privacy"

    def ready(self) -> None:
        from hub.privacy import rules  # noqa: F401
        from hub.privacy.audit import register_audited_models

        register_audited_models()
        # Each app's privacy.py registers its exporter and eraser (hub.privacy.registry).
        autodiscover_modules("privacy")
