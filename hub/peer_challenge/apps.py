from django.apps import AppConfig

from hub.core.navigation import NavigationItem


class PeerChallengeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hub.peer_challenge"
    verbose_name = "Peer challenge"
    navigation = NavigationItem(
        text="Peer challenge",
        url_name="peer_challenge:list",
        path_prefix="/peer-challenge/",
        order=32,
    )

    def ready(self) -> None:
        from hub.peer_challenge import rules  # noqa: F401 - registers the permissions
