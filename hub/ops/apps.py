from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the Hub: backups and restores of its database, and the load test."""

    name = "hub.ops"
    label = "ops"
