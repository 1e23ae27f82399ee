"""Background work of the good practice database."""

from django_tasks import task

from hub.cases.services import saved_search_alerts_send


@task()
def send_saved_search_alerts(frequency: str) -> int:
    """Email saved searches of `frequency` (daily or weekly) their new published matches."""
    return saved_search_alerts_send(frequency=frequency)
