from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The one search service: every page, the API and "similar cases" search through it."""

    name = "hub.search"
    label = "search"
    verbose_name = "Search"
