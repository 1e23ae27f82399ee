"""The load test's accounts and events, and the writes it made (counted in the database)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.cases.models import Resource, Status
from hub.events.models import Access, Event, EventStatus, Invitation, PlaceStatus

LOAD_EMAIL_PREFIX = "load-"
LOAD_EMAIL_DOMAIN = "@example.org"
LOAD_EVENT_PREFIX = "load-test-open-session-"
SUBMIT_TITLE_PREFIX = "Load test: "


def load_email(number: int) -> str:
    return f"{LOAD_EMAIL_PREFIX}{number:04d}{LOAD_EMAIL_DOMAIN}"


@transaction.atomic
def load_seed(*, accounts: int, events: int, password: str) -> dict:
    """Members to sign in as and open sessions to sign up to; returns the locust plan."""
    member = Group.objects.get(name=Role.MEMBER.value)
    # One hash for every account: hashing each (PBKDF2) would take minutes.
    hashed = make_password(password)
    users = User.objects.bulk_create(
        User(email=load_email(number), full_name=f"Load Tester {number}", password=hashed)
        for number in range(1, accounts + 1)
    )
    member.user_set.add(*users)
    template = Event.objects.filter(access=Access.OPEN, status=EventStatus.SCHEDULED).first()
    start = timezone.now() + dt.timedelta(days=20)
    for number in range(1, events + 1):
        Event.objects.create(
            slug=f"{LOAD_EVENT_PREFIX}{number}",
            title=f"Load test open session {number}",
            kind=template.kind,
            access=Access.OPEN,
            status=EventStatus.SCHEDULED,
            summary=template.summary,
            agenda=template.agenda,
            starts_at=start + dt.timedelta(days=number),
            ends_at=start + dt.timedelta(days=number, hours=1),
            online_url=template.online_url,
            # Small, so that later sign-ups join the waiting list: both paths get load.
            capacity=15,
            host=template.host,
        )
    published = Resource.objects.filter(status=Status.PUBLISHED).order_by("pk")
    return {
        "password": password,
        "accounts": [user.email for user in users],
        "open_events": [f"{LOAD_EVENT_PREFIX}{number}" for number in range(1, events + 1)],
        "cases": list(published.values_list("slug", flat=True)[:20]),
        "events": list(
            Event.objects.filter(access=Access.OPEN).values_list("slug", flat=True)[:20]
        ),
    }


def load_writes() -> dict[str, int]:
    """The rows the load test's sign-ups and submissions left, to set against locust's count."""
    load_users = User.objects.filter(email__startswith=LOAD_EMAIL_PREFIX)
    return {
        "rsvp": Invitation.objects.filter(
            user__in=load_users,
            signed_up=True,
            status__in=[PlaceStatus.ACCEPTED, PlaceStatus.WAITING],
        ).count(),
        "submit": Resource.objects.filter(
            contributor__in=load_users, title__startswith=SUBMIT_TITLE_PREFIX
        ).count(),
    }
