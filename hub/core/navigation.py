"""The service navigation: each programme area registers its own entry when its app is built.

A domain app's AppConfig sets `navigation = NavigationItem(...)`; the header lists the entries
of installed apps in `order`, so the navigation never links to an area that does not exist yet.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavigationItem:
    text: str
    url_name: str
    path_prefix: str
    order: int


def navigation_items(current_path: str) -> list[dict]:
    entries = sorted(
        (config.navigation for config in apps.get_app_configs() if hasattr(config, "navigation")),
        key=lambda item: item.order,
    )
    return [
        {
            "text": entry.text,
            "href": reverse(entry.url_name),
            "active": current_path.startswith(entry.path_prefix),
        }
        for entry in entries
    ]
