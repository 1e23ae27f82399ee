"""A small sector for the take-up tests, and the take-up expected of it worked out in plain
Python over every row (never through the selectors the pages use).

`build_sector(size)` makes `4 * size` current councils of mixed kinds, regions and nations, each
using a pattern of elements set by its index, with records that must NOT count beside those that
must (an absence, a withdrawn enrolment, a nominated champion, an open assessment nobody
submitted, a draft case), plus a former council and a police force that did engage, and places.
"""

from django.utils import timezone

from hub.academies.models import (
    ACTIVE_ENROLMENT,
    LISTED_COHORT_STATUSES,
    AcademyKind,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
)
from hub.academies.tests.factories import CohortFactory, EnrolmentFactory
from hub.assessment.models import Assessment, AssessmentStatus, PlaceAssessment, TeamMember
from hub.assessment.tests.factories import AssessmentFactory, FrameworkFactory, TeamMemberFactory
from hub.cases.models import Adoption, Resource, Status
from hub.cases.tests.factories import AdoptionFactory, ResourceFactory
from hub.champions.models import ChampionProfile, Mentoring, MentoringStatus, ProfileStatus
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.events.models import Attendance, EventKind, EventStatus, Invitation, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.models import (
    COUNCIL_KINDS,
    Organisation,
    OrganisationKind,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    Region,
)
from hub.organisations.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePartnerFactory,
)
from hub.peer_challenge.models import Challenge
from hub.peer_challenge.tests.factories import ChallengeFactory, EnquiryFrameworkFactory

KINDS = [
    OrganisationKind.UNITARY,
    OrganisationKind.DISTRICT,
    OrganisationKind.LONDON_BOROUGH,
    OrganisationKind.COUNTY,
]
REGIONS = [Region.NORTH_WEST, Region.LONDON, Region.SOUTH_WEST, Region.WALES, ""]
ELEMENT_KEYS = [
    "round_tables",
    "open_sessions",
    "academies",
    "peer_challenge",
    "champions",
    "self_assessment",
    "cases_contributed",
    "cases_reused",
]


class Shared:
    """Records many engagements share, made once per sector."""

    def __init__(self):
        self.past_round_table = EventFactory(past=True)
        self.next_round_table = EventFactory()
        self.cancelled_round_table = EventFactory(cancelled=True)
        self.past_open_session = EventFactory(open_session=True, past=True)
        self.cohort = CohortFactory(member=True)
        self.challenge_framework = EnquiryFrameworkFactory(lines=1)
        self.assessment_framework = FrameworkFactory(questions=1)


def _person(organisation):
    return PersonFactory(organisation=organisation)


def _engage(council, index: int, shared: Shared) -> None:  # noqa: C901 - one pattern a line
    if index % 3 == 0:
        person = _person(council)
        InvitationFactory(
            event=shared.past_round_table,
            person=person,
            status=PlaceStatus.ACCEPTED,
            attendance=Attendance.PRESENT,
        )
    if index % 5 == 1:
        # Known only through the account: the invitation names no register person.
        user = _person(council).user
        InvitationFactory(event=shared.next_round_table, user=user, status=PlaceStatus.ACCEPTED)
    if index % 7 == 2:
        person = _person(council)
        InvitationFactory(
            event=shared.past_round_table,
            person=person,
            status=PlaceStatus.ACCEPTED,
            attendance=Attendance.ABSENT,
        )
        InvitationFactory(
            event=shared.cancelled_round_table, person=person, status=PlaceStatus.ACCEPTED
        )
        InvitationFactory(event=shared.next_round_table, person=person, status=PlaceStatus.DECLINED)
    if index % 4 == 0:
        InvitationFactory(
            event=shared.past_open_session,
            person=_person(council),
            status=PlaceStatus.ACCEPTED,
            attendance=Attendance.PRESENT,
        )
    if index % 3 == 1:
        EnrolmentFactory(cohort=shared.cohort, organisation=council, partner_kind="")
    if index % 6 == 4:
        EnrolmentFactory(
            cohort=shared.cohort,
            organisation=council,
            partner_kind="",
            status=EnrolmentStatus.WITHDRAWN,
        )
    if index % 5 == 0:
        ChallengeFactory(organisation=council, framework=shared.challenge_framework)
    if index % 4 == 1:
        ChampionProfileFactory(person=_person(council))
    if index % 8 == 3:
        ChampionProfileFactory(person=_person(council), nominated=True)
    if index % 6 == 5:
        MentoringFactory(mentee=_person(council).user, accepted=True)
    if index % 7 == 5:
        MentoringFactory(mentee=_person(council).user)  # only requested
    if index % 3 == 2:
        AssessmentFactory(
            organisation=council,
            framework=shared.assessment_framework,
            status=AssessmentStatus.CLOSED,
            closed_at=timezone.now(),
        )
    if index % 5 == 3:
        assessment = AssessmentFactory(organisation=council, framework=shared.assessment_framework)
        TeamMemberFactory(assessment=assessment, submitted_at=timezone.now())
    if index % 7 == 6:
        TeamMemberFactory(
            assessment=AssessmentFactory(
                organisation=council, framework=shared.assessment_framework
            )
        )
    if index % 4 == 2:
        ResourceFactory(lead_organisation=council)
    if index % 9 == 1:
        ResourceFactory(lead_organisation=council, status=Status.DRAFT)
    if index % 5 == 4:
        AdoptionFactory(organisation=council, resource=ResourceFactory(lead_organisation=None))


def _only_what_does_not_count(council, shared: Shared) -> None:
    person = _person(council)
    InvitationFactory(
        event=shared.past_round_table,
        person=person,
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.ABSENT,
    )
    InvitationFactory(
        event=shared.cancelled_round_table, person=person, status=PlaceStatus.ACCEPTED
    )
    EnrolmentFactory(
        cohort=shared.cohort,
        organisation=council,
        partner_kind="",
        status=EnrolmentStatus.WITHDRAWN,
    )
    ChampionProfileFactory(person=_person(council), nominated=True)
    MentoringFactory(mentee=_person(council).user)
    TeamMemberFactory(
        assessment=AssessmentFactory(organisation=council, framework=shared.assessment_framework)
    )
    ResourceFactory(lead_organisation=council, status=Status.DRAFT)


def build_sector(size: int) -> list[Organisation]:
    """Councils, engagement and places; returns the current councils made."""
    shared = Shared()
    councils = []
    for index in range(4 * size):
        region = REGIONS[index % len(REGIONS)]
        council = OrganisationFactory(
            kind=KINDS[index % len(KINDS)],
            region=region,
            nation="Wales" if region == Region.WALES else ("" if not region else "England"),
        )
        councils.append(council)
        _engage(council, index, shared)
    for index in range(size):
        # Councils not engaged: one with nothing at all, one with only records that do not count.
        region = REGIONS[index % len(REGIONS)]
        nation = "Wales" if region == Region.WALES else ("" if not region else "England")
        councils.append(OrganisationFactory(region=region, nation=nation))
        quiet = OrganisationFactory(kind=KINDS[index % len(KINDS)], region=region, nation=nation)
        councils.append(quiet)
        _only_what_does_not_count(quiet, shared)
    former = OrganisationFactory(is_current=False)
    _engage(former, 0, shared)
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    ResourceFactory(lead_organisation=police)
    # Places: one through a council partner, one through the police, one with its own Digital
    # Academy cohort (and a draft one elsewhere that must not count), one with a place
    # assessment, and one with nothing.
    for _ in range(size):
        PlacePartnerFactory(place=PlaceFactory(), organisation=councils[0])
        PlacePartnerFactory(
            place=PlaceFactory(), organisation=police, partner_kind=PartnerKind.POLICE
        )
        CohortFactory(place=PlaceFactory())
        CohortFactory(place=PlaceFactory(), status=CohortStatus.DRAFT)
        PlaceAssessment.objects.create(
            place=PlaceFactory(), framework=shared.assessment_framework, title="Our place"
        )
        PlacePartnerFactory(place=PlaceFactory(), organisation=councils[-1])
    return councils


# Expected, in plain Python over every row ------------------------------------------------------


def _organisation_of_invitation(invitation: Invitation) -> int | None:
    if invitation.person_id is not None:
        return invitation.person.organisation_id
    person = Person.objects.filter(user_id=invitation.user_id).first()
    return person.organisation_id if person else None


def _attended(kind: str) -> set[int]:
    now = timezone.now()
    found = set()
    for invitation in Invitation.objects.select_related("event", "person"):
        event = invitation.event
        if event.kind != kind:
            continue
        came = invitation.attendance == Attendance.PRESENT
        coming = (
            invitation.status == PlaceStatus.ACCEPTED
            and event.status == EventStatus.SCHEDULED
            and event.starts_at > now
        )
        if came or coming:
            organisation = _organisation_of_invitation(invitation)
            if organisation is not None:
                found.add(organisation)
    return found


def _person_organisation(user_id: int) -> int | None:
    person = Person.objects.filter(user_id=user_id).first()
    return person.organisation_id if person else None


def expected_engagement() -> dict[str, set[int]]:
    """Organisation ids that used each element, from the rows."""
    network = {
        profile.person.organisation_id
        for profile in ChampionProfile.objects.select_related("person")
        if profile.status == ProfileStatus.APPROVED
    } | {
        _person_organisation(mentoring.mentee_id)
        for mentoring in Mentoring.objects.all()
        if mentoring.status in (MentoringStatus.ACCEPTED, MentoringStatus.CLOSED)
    }
    submitted = {m.assessment_id for m in TeamMember.objects.all() if m.submitted_at}
    return {
        "round_tables": _attended(EventKind.ROUND_TABLE),
        "open_sessions": _attended(EventKind.OPEN_SESSION),
        "academies": {
            e.organisation_id for e in Enrolment.objects.all() if e.status in ACTIVE_ENROLMENT
        },
        "peer_challenge": {c.organisation_id for c in Challenge.objects.all()},
        "champions": network - {None},
        "self_assessment": {
            a.organisation_id
            for a in Assessment.objects.all()
            if a.status == AssessmentStatus.CLOSED or a.pk in submitted
        },
        "cases_contributed": {
            r.lead_organisation_id
            for r in Resource.objects.all()
            if r.status == Status.PUBLISHED and r.lead_organisation_id
        },
        "cases_reused": {a.organisation_id for a in Adoption.objects.all()},
    }


def expected_councils() -> list[Organisation]:
    return sorted(
        (o for o in Organisation.objects.all() if o.kind in COUNCIL_KINDS and o.is_current),
        key=lambda o: o.name,
    )


def expected_council_elements() -> dict[int, set[str]]:
    """For each current council, the elements it has used."""
    engaged = expected_engagement()
    return {
        council.pk: {key for key in ELEMENT_KEYS if council.pk in engaged[key]}
        for council in expected_councils()
    }


def expected_place_elements() -> dict[int, set[str]]:
    engaged = expected_engagement()
    partners: dict[int, set[int]] = {}
    for membership in PlacePartner.objects.all():
        partners.setdefault(membership.place_id, set()).add(membership.organisation_id)
    cohorts = {
        c.place_id
        for c in Cohort.objects.all()
        if c.academy == AcademyKind.DIGITAL and c.status in LISTED_COHORT_STATUSES and c.place_id
    }
    assessed = {p.place_id for p in PlaceAssessment.objects.all()}
    result = {}
    for place in Place.objects.all():
        members = partners.get(place.pk, set())
        used = {key for key in ELEMENT_KEYS if members & engaged[key]}
        if place.pk in cohorts:
            used.add("academies")
        if place.pk in assessed:
            used.add("self_assessment")
        result[place.pk] = used
    return result
