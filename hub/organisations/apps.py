from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class OrganisationsConfig(AppConfig):
    name = "hub.organisations"
    label = "organisations"
    verbose_name = "Organisations and places"
    navigation = NavigationItem(
        text="Councils", url_name="organisations:list", path_prefix="/organisations/", order=90
    )
