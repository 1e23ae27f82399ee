from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The service's front door: the home page and the content pages in the footer."""

    name = "hub.pages"
    label = "pages"
