"""Factories for peer challenges (fictional content).

`EnquiryFrameworkFactory()` is a published framework with the five core elements and
`lines=N` lines of enquiry each (2 by default). `ChallengeFactory()` is a challenge of a new
council on a new published framework, on site from a fortnight ago to a week ago.
`PeerFactory(challenge=..., role=PeerRole.LEAD_PEER)` is a peer from another council, with an
account; `CouncilLeadFactory(challenge=...)` someone of the reviewed council with an account.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge.models import (
    Action,
    Challenge,
    CoreElement,
    CouncilLead,
    EnquiryFramework,
    Evidence,
    Finding,
    FrameworkStatus,
    Judgement,
    LineOfEnquiry,
    PeerRole,
    PeerTeamMember,
    Signpost,
    SignpostKind,
)

CORE_ELEMENTS = [
    ("local-priorities-and-outcomes", "Local priorities and outcomes"),
    ("organisational-and-place-leadership", "Organisational and place leadership"),
    ("governance-and-culture", "Governance and culture"),
    ("financial-planning-and-management", "Financial planning and management"),
    ("capacity-for-improvement", "Capacity for improvement"),
]


class EnquiryFrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnquiryFramework
        skip_postgeneration_save = True

    version = factory.Sequence(lambda n: 100 + n)
    title = "Digital lines of enquiry"
    status = FrameworkStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (code, title) in enumerate(CORE_ELEMENTS):
            element = CoreElement.objects.create(
                framework=self, code=code, title=title, description=f"About {title}.", order=order
            )
            for number in range(extracted if extracted is not None else 2):
                LineOfEnquiry.objects.create(
                    element=element,
                    code=f"{code}-{number + 1}",
                    title=f"{title}: digital line {number + 1}",
                    prompts="- How do leaders use data?\n- Who owns digital change?",
                    order=number,
                )


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    organisation = factory.SubFactory(OrganisationFactory)
    framework = factory.SubFactory(EnquiryFrameworkFactory)
    title = factory.LazyAttribute(lambda o: f"Corporate peer challenge of {o.organisation.name}")
    slug = factory.Sequence(lambda n: f"corporate-peer-challenge-{n}")
    on_site_starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=14))
    on_site_ends_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))


class PeerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerTeamMember

    challenge = factory.SubFactory(ChallengeFactory)
    person = factory.SubFactory(PersonFactory)
    role = PeerRole.OFFICER_PEER


class CouncilLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilLead

    challenge = factory.SubFactory(ChallengeFactory)
    person = factory.LazyAttribute(
        lambda o: PersonFactory(organisation=o.challenge.organisation, job_title="Chief executive")
    )


def first_line(challenge: Challenge) -> LineOfEnquiry:
    return LineOfEnquiry.objects.filter(element__framework=challenge.framework).first()


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    challenge = factory.SubFactory(ChallengeFactory)
    line = factory.LazyAttribute(lambda o: first_line(o.challenge))
    summary = "Officers described three systems holding the same resident's details."
    source = "Interview with heads of service"


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    challenge = factory.SubFactory(ChallengeFactory)
    line = factory.LazyAttribute(lambda o: first_line(o.challenge))
    judgement = Judgement.AREA_FOR_DEVELOPMENT
    title = "Residents tell the council the same thing many times"
    detail = "Missed bin reports go by phone and are re-keyed into the crews' system."
    recommendations = "- Let residents report missed bins online, linked to in-cab devices."


class SignpostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signpost

    finding = factory.SubFactory(FindingFactory)
    kind = SignpostKind.CASE
    target_id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Missed bins reported online {n}")
    url = factory.Sequence(lambda n: f"/cases/missed-bins-{n}/")
    reason = "Matches: missed bin collections"
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    challenge = factory.SubFactory(ChallengeFactory)
    description = "Put missed bin reporting online"
    owner = "Director of environment"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
