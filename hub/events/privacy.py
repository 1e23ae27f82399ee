"""Personal data at events: places (invitations, sign-ups, attendance), feedback, events the
person hosts or facilitates, and their calendar feed.

Places at events that have started are anonymised, not deleted: the name, email address and
links to the person go, the organisation and the attendance stay, so the programme's counts of
participants and its take-up by council do not change. Places at events still to come are
deleted. The same anonymisation serves retention (hub/privacy/retention.py)."""

from collections import defaultdict

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from hub.events.models import CalendarFeed, Event, Feedback, Invitation
from hub.events.selectors import own_invitations
from hub.privacy.registry import PersonalDataSource, register

REMOVED_NAME = "Name removed"
# The fields of a place that say who it was: what anonymisation takes off it.
PERSONAL_FIELDS = ("full_name", "email", "organisation_name", "person", "user", "decline_reason")


def invitations_of(user) -> QuerySet[Invitation]:
    """The person's own places, and those given to their register entry."""
    person = getattr(user, "person", None)
    if person is None:
        return own_invitations(user)
    return own_invitations(user) | Invitation.objects.filter(person=person)


def anonymise_invitations(invitations: QuerySet[Invitation]) -> int:
    """Remove the names, contact details and the person's words from these places, keeping
    the organisation (for take-up) and the status and attendance (for counts). Idempotent."""
    invitations = invitations.filter(personal_data_removed_at__isnull=True)
    Feedback.objects.filter(invitation__in=invitations).update(will_do_differently="")
    # Keep the organisation the place counted for before the links to the person go.
    organisation_of = (
        invitations.filter(organisation__isnull=True)
        .annotate(found=Coalesce("person__organisation_id", "user__person__organisation_id"))
        .filter(found__isnull=False)
        .values_list("pk", "found")
    )
    by_organisation = defaultdict(list)
    for pk, organisation_id in organisation_of:
        by_organisation[organisation_id].append(pk)
    for organisation_id, pks in by_organisation.items():
        Invitation.objects.filter(pk__in=pks).update(organisation_id=organisation_id)
    return invitations.update(
        full_name=REMOVED_NAME,
        # Unique within an event, so made from the place's own id.
        email=Concat(Value("removed-"), Cast("pk", CharField()), Value("@invalid")),
        organisation_name="",
        person=None,
        user=None,
        token_hash=None,
        decline_reason="",
        personal_data_removed_at=timezone.now(),
    )


def export(user) -> dict:
    invitations = invitations_of(user).select_related("event").order_by("pk")
    return {
        "places_at_events": [
            {
                "event": place.event.title,
                "starts_at": place.event.starts_at,
                "name_given": place.full_name,
                "email_given": place.email,
                "organisation_given": place.organisation_name,
                "status": place.get_status_display(),
                "signed_up": place.signed_up,
                "responded_at": place.responded_at,
                "decline_reason": place.decline_reason,
                "attendance": place.get_attendance_display(),
            }
            for place in invitations
        ],
        "feedback": list(
            Feedback.objects.filter(invitation__in=invitations)
            .values("invitation__event__title", "usefulness", "will_do_differently")
            .order_by("pk")
        ),
        "events_hosted": list(Event.objects.filter(host=user).values_list("title", flat=True)),
        "events_facilitated": list(
            Event.objects.filter(facilitators=user).values_list("title", flat=True)
        ),
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def erase(user) -> dict[str, int]:
    mine = invitations_of(user)
    started = list(mine.filter(event__starts_at__lte=timezone.now()).values_list("pk", flat=True))
    to_come = list(mine.exclude(pk__in=started).values_list("pk", flat=True))
    anonymised = anonymise_invitations(Invitation.objects.filter(pk__in=started))
    deleted = Invitation.objects.filter(pk__in=to_come).delete()[1].get("events.Invitation", 0)
    user.facilitated_events.clear()
    return {
        "places at past events anonymised (attendance kept)": anonymised,
        "places at events to come deleted": deleted,
        "events no longer hosted by the person": Event.objects.filter(host=user).update(host=None),
        "calendar feeds deleted": CalendarFeed.objects.filter(user=user).delete()[0],
    }


register(
    PersonalDataSource(
        key="events",
        title="Events",
        description="Your places at round tables and open sessions (invitations, replies and "
        "attendance), your feedback, events you host or facilitate, and your calendar feed.",
        export=export,
        erase=erase,
        audited_records=lambda user: list(invitations_of(user)),
    )
)
