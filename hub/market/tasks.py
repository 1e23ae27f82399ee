"""Background work of the supplier market."""

from django_tasks import task

from hub.market.alerts import market_alerts_send


@task()
def send_market_alerts() -> int:
    """Email every watch its new matching contracts (each contract once a watch)."""
    return market_alerts_send()
