"""Reads of peer challenges for other apps (the peer challenge's pages read through its
modules)."""

from django.db.models import QuerySet

from hub.peer_challenge.models import Challenge

# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_challenged() -> QuerySet:
    """Ids of organisations with a corporate peer challenge at any stage, from scoping on:
    one query, each id once."""
    return Challenge.objects.values_list("organisation_id", flat=True).distinct()
