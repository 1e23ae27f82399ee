"""Reads of peer challenges for other apps (the peer challenge's pages read through its
modules)."""

from django.db.models import QuerySet
from django.utils import timezone

from hub.peer_challenge.models import Challenge

# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_challenged() -> QuerySet:
    """Ids of organisations with a corporate peer challenge at any stage, from scoping on:
    one query, each id once."""
    return Challenge.objects.order_by().values_list("organisation_id", flat=True).distinct()


# Programme outputs (read by hub/programme/outputs.py) -----------------------------------------


def challenges_started() -> QuerySet[Challenge]:
    """Challenges whose time on site has begun."""
    return Challenge.objects.filter(on_site_starts_on__lte=timezone.localdate())


def challenges_published() -> QuerySet[Challenge]:
    """Challenges whose report has been published."""
    return Challenge.objects.filter(report_published_at__isnull=False)
