"""Factories for round tables and open sessions (en_GB locale, fictional content).

`EventFactory()` is a scheduled, invitation-only round table a fortnight ahead, 2pm to 4pm in
Europe/London. Traits: `open_session`, `draft`, `cancelled`, `past`.

`InvitationFactory()` carries a usable personal link; the raw token is on `invitation.token`
(only its sha256 is stored). Pass `token="..."` for a known token, or `token=False` for none.
"""

import secrets
from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from hub.accounts.tests.factories import UserFactory
from hub.events.models import (
    Access,
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
from hub.events.services import hash_token
from hub.organisations.models import Region


def london_at(days: int, hour: int = 14, minute: int = 0) -> datetime:
    """An aware datetime `days` from today at `hour:minute` Europe/London."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"North West chief executive round tables {n}")
    slug = factory.Sequence(lambda n: f"north-west-round-tables-{n}")
    kind = EventKind.ROUND_TABLE
    region = Region.NORTH_WEST
    description = "Chief executives discuss the role of digital in their councils."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        open_session = factory.Trait(
            kind=EventKind.OPEN_SESSION,
            access=Access.OPEN,
            title=factory.Sequence(lambda n: f"Open session on digital inclusion {n}"),
            online_url="https://meet.example.org/open-session",
            venue="",
        )
        draft = factory.Trait(status=EventStatus.DRAFT)
        cancelled = factory.Trait(
            status=EventStatus.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now)
        )
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: london_at(-7)),
            ends_at=factory.LazyFunction(lambda: london_at(-7, 16)),
        )

    kind = EventKind.ROUND_TABLE
    access = Access.INVITATION
    status = EventStatus.SCHEDULED
    title = factory.Sequence(lambda n: f"Digital and devolution round table {n}")
    slug = factory.Sequence(lambda n: f"digital-and-devolution-{n}")
    region = Region.NORTH_WEST
    summary = "How digital supports devolution deals, in a frank conversation among peers."
    agenda = "1. Welcome\n2. The speaker's story\n3. Discussion"
    starts_at = factory.LazyFunction(lambda: london_at(14))
    ends_at = factory.LazyFunction(lambda: london_at(14, 16))
    venue = "Testshire Town Hall, Market Street"
    online_url = ""
    capacity = 12
    speaker_briefing = "Led the council's move to online services."

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.add(*extracted)

    @factory.post_generation
    def cases(self, create, extracted, **kwargs):
        if create and extracted:
            self.cases.add(*extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation awaiting an answer. Pass `user=` (whose email it then takes) for a
    signed-in invitee; `status=PlaceStatus.ACCEPTED` for someone with a place."""

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    user = None
    full_name = factory.Maybe(
        "user",
        yes_declaration=factory.LazyAttribute(lambda o: o.user.full_name),
        no_declaration=factory.Faker("name", locale="en_GB"),
    )
    email = factory.Maybe(
        "user",
        yes_declaration=factory.LazyAttribute(lambda o: o.user.email),
        no_declaration=factory.Sequence(lambda n: f"invitee{n}@example.org"),
    )
    organisation_name = "Testshire Council"
    status = PlaceStatus.INVITED
    invited_by = None
    waiting_since = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == PlaceStatus.WAITING else None
    )

    @factory.post_generation
    def token(self, create, extracted, **kwargs):
        if extracted is False:
            self.token = None
            return
        self.token = extracted or secrets.token_urlsafe(16)
        self.token_hash = hash_token(self.token)
        if create:
            self.save(update_fields=["token_hash"])


class ChathamHouseRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChathamHouseRecord

    event = factory.SubFactory(EventFactory, past=True)
    key_points = "Data sharing agreements took longest; start them early."
    actions = "Share a template data sharing agreement."
    status = RecordStatus.DRAFT
    written_by = factory.SubFactory(UserFactory)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    invitation = factory.SubFactory(
        InvitationFactory,
        event=factory.SubFactory(EventFactory, past=True),
        status=PlaceStatus.ACCEPTED,
    )
    usefulness = 4
    will_do_differently = "Start the data sharing agreement before the project."
