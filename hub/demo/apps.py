from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content written for this project, for `make run` and browser tests."""

    name = "hub.demo"
    label = "demo"
