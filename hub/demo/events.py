"""Demo round tables and an open session: one coming up (invitations answered every way),
one that has happened (attendance taken, an unattributed record published, feedback given),
and an open session hosted by the demo champion. Dates are set from the day the seed first
runs, so the demo always has something coming up."""

import datetime as dt

from django.utils import timezone

from hub.accounts.models import User
from hub.cases.models import Resource, Status
from hub.events.models import (
    Access,
    Attendance,
    AttendeeListVisibility,
    ChathamHouseRecord,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    Invitation,
    PlaceStatus,
    RecordStatus,
    Series,
)
from hub.organisations.models import Region
from hub.taxonomy.models import Theme


def _at(days_ahead: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time in Europe/London on the first working day `days_ahead` from today or after."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    # Round tables and sessions are held on working days.
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


SERIES = [
    {
        "slug": "north-west-chief-executive-round-tables",
        "title": "North West chief executive round tables",
        "region": Region.NORTH_WEST,
        "description": "Chief executives and corporate directors of North West councils discuss "
        "the role of digital in devolution, health and care integration and welfare reform.",
    },
    {
        "slug": "south-east-chief-executive-round-tables",
        "title": "South East chief executive round tables",
        "region": Region.SOUTH_EAST,
        "description": "Chief executives of South East councils on leading digital change.",
    },
]


DECLINE_REASON = "Full council meeting that morning."
UNKNOWN = Attendance.UNKNOWN


def _host(spec: dict):
    if spec["kind"] != EventKind.OPEN_SESSION:
        return None
    return User.objects.get(email=spec["speaker"])


def _person(email: str):
    return User.objects.get(email=email).person


def _events() -> list[dict]:
    return [
        {
            "slug": "north-west-round-table-health-and-care",
            "series": "north-west-chief-executive-round-tables",
            "title": "Digital and the integration of health and social care",
            "kind": EventKind.ROUND_TABLE,
            "access": Access.INVITATION,
            "region": Region.NORTH_WEST,
            "theme": "data-sharing",
            "starts_at": _at(24, 10),
            "ends_at": _at(24, 12, 30),
            "venue": "Manchester Central Library, St Peter's Square, Manchester M2 5PD",
            "capacity": 2,
            "speaker": "champion@example.org",
            "speaker_briefing": "Led a shared care record across the council and NHS partners, "
            "with social workers and GPs seeing the same information.",
            "agenda": "1. Welcome and the Chatham House rule\n2. Talk: what we learned joining "
            "up care records\n3. Discussion: where digital helps integration most\n4. Actions",
            "allow_deputies": True,
            "invitations": [
                ("councillor@example.org", PlaceStatus.ACCEPTED),
                ("officer@example.org", PlaceStatus.ACCEPTED),
                ("editor@example.org", PlaceStatus.WAITING),
                ("chief.executive@example.org", PlaceStatus.DECLINED),
            ],
        },
        {
            "slug": "north-west-round-table-devolution",
            "series": "north-west-chief-executive-round-tables",
            "title": "Digital in devolution deals",
            "kind": EventKind.ROUND_TABLE,
            "access": Access.INVITATION,
            "region": Region.NORTH_WEST,
            "theme": "demonstrate-digital-leadership",
            "starts_at": _at(-30, 14),
            "ends_at": _at(-30, 16),
            "venue": "Salford Civic Centre, Chorley Road, Swinton M27 5AW",
            "capacity": 20,
            "speaker": "champion@example.org",
            "speaker_briefing": "Brought digital into a combined authority's devolution plan.",
            "agenda": "Talk, then open discussion under the Chatham House rule.",
            "allow_deputies": False,
            "invitations": [
                ("councillor@example.org", PlaceStatus.ACCEPTED),
                ("officer@example.org", PlaceStatus.ACCEPTED),
            ],
            "record": {
                "key_points": "- Devolution deals rarely name digital; the ones that do fund "
                "shared platforms.\n- Data sharing agreements took longer than the technology.",
                "actions": "- Share the combined authority's data sharing template on the Hub.",
            },
        },
        {
            "slug": "open-session-user-research-for-leaders",
            "series": "",
            "title": "Open session: user research for council leaders",
            "kind": EventKind.OPEN_SESSION,
            "access": Access.OPEN,
            "region": "",
            "theme": "user-research",
            "starts_at": _at(10, 13),
            "ends_at": _at(10, 14),
            "venue": "",
            "online_url": "https://meet.example.org/open-session-user-research",
            "capacity": 40,
            "speaker": "champion@example.org",
            "speaker_briefing": "Hosts open sessions for the digital champions' network.",
            "agenda": "What user research is, what it costs, and what to ask your teams.",
            "allow_deputies": False,
            "invitations": [],
        },
    ]


def seed_events(summary) -> None:
    facilitator = User.objects.get(email="facilitator@example.org")
    series = {}
    for spec in SERIES:
        series[spec["slug"]], created = Series.objects.get_or_create(
            slug=spec["slug"],
            defaults={**spec, "kind": EventKind.ROUND_TABLE, "is_demo": True},
        )
        summary.add("event series", created)
    cases = list(Resource.objects.filter(status=Status.PUBLISHED, is_demo=True)[:2])
    for spec in _events():
        if Event.objects.filter(slug=spec["slug"]).exists():
            summary.add("events", False)
            continue
        _create_event(spec, series=series, facilitator=facilitator, cases=cases)
        summary.add("events", True)


def _create_event(spec: dict, *, series: dict, facilitator, cases) -> None:
    theme = Theme.objects.filter(slug=spec["theme"]).first() if spec["theme"] else None
    event = Event.objects.create(
        slug=spec["slug"],
        series=series.get(spec["series"]),
        title=spec["title"],
        kind=spec["kind"],
        access=spec["access"],
        status=EventStatus.SCHEDULED,
        region=spec["region"],
        theme=theme,
        summary=spec["speaker_briefing"],
        agenda=spec["agenda"],
        starts_at=spec["starts_at"],
        ends_at=spec["ends_at"],
        venue=spec["venue"],
        online_url=spec.get("online_url", ""),
        capacity=spec["capacity"],
        speaker=_person(spec["speaker"]),
        speaker_briefing=spec["speaker_briefing"],
        host=User.objects.get(email=spec["speaker"])
        if spec["kind"] == EventKind.OPEN_SESSION
        else None,
        allow_deputies=spec["allow_deputies"],
        attendee_list_visibility=AttendeeListVisibility.ATTENDEES,
        is_demo=True,
    )
    event.facilitators.add(facilitator)
    event.cases.add(*cases)
    past = spec["starts_at"] < timezone.now()
    for position, (email, status) in enumerate(spec["invitations"]):
        user = User.objects.filter(email=email).first()
        person = getattr(user, "person", None) if user else None
        invitation = Invitation.objects.create(
            event=event,
            user=user,
            person=person,
            full_name=user.full_name if user else "Jordan Example",
            email=email,
            organisation_name=person.organisation.name if person else "",
            status=status,
            invited_by=facilitator,
            responded_at=timezone.now(),
            waiting_since=timezone.now() + dt.timedelta(seconds=position)
            if status == PlaceStatus.WAITING
            else None,
            decline_reason="Full council meeting that morning."
            if status == PlaceStatus.DECLINED
            else "",
            attendance=Attendance.PRESENT
            if past and status == PlaceStatus.ACCEPTED
            else Attendance.UNKNOWN,
        )
        if past and status == PlaceStatus.ACCEPTED:
            Feedback.objects.create(
                invitation=invitation,
                usefulness=5 - position,
                will_do_differently="Put a data sharing agreement in place before the platform.",
            )
    if "record" in spec:
        ChathamHouseRecord.objects.create(
            event=event,
            key_points=spec["record"]["key_points"],
            actions=spec["record"]["actions"],
            status=RecordStatus.PUBLISHED,
            written_by=facilitator,
            shared_at=timezone.now(),
            published_at=timezone.now(),
        )
