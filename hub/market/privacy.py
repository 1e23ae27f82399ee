"""Personal data in the supplier market: the watches the person set up and the alerts sent to
them. Contracts and suppliers are published procurement data, not the person's. Erasure
deletes the watches and their alerts."""

from hub.market.models import AlertSent, Watch
from hub.privacy.registry import PersonalDataSource, register


def export(user) -> dict:
    watches = Watch.objects.filter(user=user)
    return {
        "market_watches": list(
            watches.values(
                "organisation__name", "kind", "cpv_prefix", "keywords", "months_ahead"
            ).order_by("pk")
        ),
        "market_alerts_sent": AlertSent.objects.filter(watch__in=watches).count(),
    }


def erase(user) -> dict[str, int]:
    deleted = Watch.objects.filter(user=user).delete()[1]
    return {"market watches deleted": deleted.get("market.Watch", 0)}


register(
    PersonalDataSource(
        key="market",
        title="Supplier market",
        description="The contract watches you set up and how many alerts they sent you.",
        export=export,
        erase=erase,
    )
)
