from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hub.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from hub.accounts import checks, signals  # noqa: F401  (registers them)
