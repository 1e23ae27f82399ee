"""System checks for account security settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def staff_two_factor_in_production(app_configs, **kwargs):
    if settings.HUB_ENVIRONMENT == "production" and not settings.HUB_STAFF_TWO_FACTOR:
        return [
            checks.Error(
                "HUB_STAFF_TWO_FACTOR is off: staff could sign in to production with a password "
                "alone.",
                hint="Remove HUB_STAFF_TWO_FACTOR from the environment (it defaults to on).",
                id="hub.accounts.E001",
            )
        ]
    return []
