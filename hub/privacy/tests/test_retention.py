from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from hub.events.models import Attendance, EventKind, Invitation, PlaceStatus
from hub.events.selectors import attendances_present, organisation_ids_attending
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.tests.factories import PersonFactory
from hub.privacy.retention import retention_apply
from hub.programme.outputs import programme_outputs
from hub.programme.takeup import engaged_by_element

pytestmark = pytest.mark.django_db


def _event(days_ago: int, **fields):
    starts = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **fields)


def _attended(event, **fields):
    person = PersonFactory()
    return InvitationFactory(
        event=event,
        user=person.user,
        person=person,
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.PRESENT,
        **fields,
    )


@pytest.fixture
def places():
    old_event = _event(days_ago=800)  # about 26 months: past 24
    recent_event = _event(days_ago=200)
    return {
        "old": [_attended(old_event), _attended(old_event)],
        "old_signup": InvitationFactory(
            event=_event(800, kind=EventKind.OPEN_SESSION),
            status=PlaceStatus.DECLINED,
            decline_reason="Busy",
        ),
        "recent": _attended(recent_event),
    }


def _figures():
    outputs = programme_outputs()
    return (
        {key: sorted(ids) for key, ids in engaged_by_element().items()},
        [(row.label, row.total) for row in outputs.rows],
        attendances_present(kind=EventKind.ROUND_TABLE).count(),
    )


def test_names_come_off_places_at_events_past_retention_and_counts_stay(places):
    before = _figures()
    old_organisations = set(organisation_ids_attending(kind=EventKind.ROUND_TABLE))

    result = retention_apply()

    assert (result.places, result.events) == (3, 2)
    for place in places["old"]:
        place.refresh_from_db()
        assert place.full_name == "Name removed"
        assert place.email == f"removed-{place.pk}@invalid"
        assert place.person is None
        assert place.user is None
        assert place.attendance == Attendance.PRESENT
    places["old_signup"].refresh_from_db()
    assert places["old_signup"].decline_reason == ""
    recent = places["recent"]
    recent.refresh_from_db()
    assert recent.person is not None
    assert recent.personal_data_removed_at is None
    assert _figures() == before
    assert set(organisation_ids_attending(kind=EventKind.ROUND_TABLE)) == old_organisations


def test_the_history_of_those_places_loses_the_names(places):
    place = places["old"][0]
    name = place.full_name
    history = LogEntry.objects.get_for_object(place)
    assert history.filter(object_repr__icontains=name).exists()
    retention_apply()
    assert history.exists()
    assert not history.filter(object_repr__icontains=name).exists()
    assert not history.filter(changes__icontains=name).exists()
    assert not history.filter(changes__icontains=place.email).exists()


def test_the_command_is_idempotent_and_its_dry_run_changes_nothing(places, capsys, settings):
    call_command("apply_retention", "--dry-run")
    assert "would remove names from 3 places at 2 events" in capsys.readouterr().out
    assert not Invitation.objects.filter(personal_data_removed_at__isnull=False).exists()

    call_command("apply_retention")
    assert "Removed names from 3 places at 2 events" in capsys.readouterr().out
    call_command("apply_retention")
    assert "Removed names from 0 places at 0 events" in capsys.readouterr().out

    settings.HUB_ATTENDANCE_RETENTION_MONTHS = 6
    call_command("apply_retention", "--dry-run")
    assert "Keeping names for 6 months" in (out := capsys.readouterr().out)
    assert "would remove names from 1 places at 1 events" in out
