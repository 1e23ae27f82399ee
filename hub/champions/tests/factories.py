"""Factories for the champions' network (en_GB locale, fictional content).

`ChampionProfileFactory()` is an APPROVED champion (a head of digital from a unitary council in
the North West, with a user account) taking up to 2 mentees monthly. Traits: `nominated`,
`declined`, `paused`, `unavailable` (not taking mentees now). Many-to-many fields take lists:
`ChampionProfileFactory(service_areas=[area], themes=[theme], cases_led=[resource],
technologies=[technology], suppliers=[supplier])`.

`MentoringFactory()` is an open request to a new approved champion; traits `accepted`,
`declined`, `closed`. `MeetingFactory()` logs one meeting of an accepted mentoring.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from hub.accounts.tests.factories import UserFactory
from hub.champions.models import (
    ChampionProfile,
    DismissedSuggestion,
    Frequency,
    Meeting,
    Mentoring,
    MentoringStatus,
    ProfileStatus,
)
from hub.organisations.tests.factories import PersonFactory


def _many(field: str):
    def add(self, create, extracted, **kwargs):
        if create and extracted:
            getattr(self, field).add(*extracted)

    add.__name__ = field
    return factory.post_generation(add)


class ChampionProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChampionProfile
        skip_postgeneration_save = True

    class Params:
        nominated = factory.Trait(status=ProfileStatus.NOMINATED, decided_by=None, decided_at=None)
        declined = factory.Trait(
            status=ProfileStatus.DECLINED, decision_note="Not enough digital leadership yet."
        )
        paused = factory.Trait(status=ProfileStatus.PAUSED)
        unavailable = factory.Trait(available=False)

    person = factory.SubFactory(PersonFactory)
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.person.full_name)}-{n}")
    status = ProfileStatus.APPROVED
    role_summary = "Head of digital who led a move of council services online"
    experience = (
        "Led a three-year programme moving the **most used** council services online, "
        "with a user research team and shared components."
    )
    mentee_capacity = 2
    meeting_frequency = Frequency.MONTHLY
    available = True
    nominated_by = factory.SubFactory(UserFactory)
    nomination_reason = "Led the council's digital programme and shares what worked."
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)

    service_areas = _many("service_areas")
    themes = _many("themes")
    cases_led = _many("cases_led")
    technologies = _many("technologies")
    suppliers = _many("suppliers")


class MentoringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentoring

    class Params:
        accepted = factory.Trait(
            status=MentoringStatus.ACCEPTED,
            started_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
        )
        declined = factory.Trait(
            status=MentoringStatus.DECLINED, decline_reason="No capacity this quarter."
        )
        closed = factory.Trait(
            status=MentoringStatus.CLOSED,
            started_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=200)),
            closed_at=factory.LazyFunction(timezone.now),
        )

    champion = factory.SubFactory(ChampionProfileFactory)
    mentee = factory.SubFactory(UserFactory)
    problem = "We want to move our housing repairs reporting online and cut phone calls."
    status = MentoringStatus.REQUESTED
    length_months = 6
    meeting_frequency = Frequency.MONTHLY


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    mentoring = factory.SubFactory(MentoringFactory, accepted=True)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    minutes = 60
    notes = "Talked through the repairs service map and agreed a first user research round."
    logged_by = factory.LazyAttribute(lambda meeting: meeting.mentoring.mentee)


class DismissedSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DismissedSuggestion

    user = factory.SubFactory(UserFactory)
    champion = factory.SubFactory(ChampionProfileFactory)
