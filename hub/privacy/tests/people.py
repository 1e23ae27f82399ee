"""A person with personal data in every app that holds some, for export and erasure tests."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from hub.academies.tests.factories import (
    AttendanceFactory,
    EnrolmentFactory,
    PlanFactory,
    SessionFactory,
)
from hub.accounts.models import User
from hub.assessment.models import Answer
from hub.assessment.tests.factories import TeamMemberFactory, answer_all
from hub.cases.models import Question
from hub.cases.tests.factories import ResourceFactory, SavedSearchFactory
from hub.champions.tests.factories import ChampionProfileFactory, MeetingFactory, MentoringFactory
from hub.events.models import Attendance, PlaceStatus
from hub.events.tests.factories import EventFactory, FeedbackFactory, InvitationFactory
from hub.market.tests.factories import WatchFactory
from hub.organisations.tests.factories import PersonFactory
from hub.peer_challenge.tests.factories import FindingFactory, PeerFactory


@dataclass
class Someone:
    user: User
    # Words only this person wrote or is called: none may appear in another person's export.
    marks: list[str] = field(default_factory=list)
    records: dict = field(default_factory=dict)


def someone_with_data_everywhere(name: str, marker: str) -> Someone:
    person = PersonFactory(full_name=name, job_title=f"Head of {marker}")
    user = person.user
    user.full_name = name
    user.save()
    records = {"person": person}

    # cases: contributor and contact of a published case, a question and a saved search
    case = ResourceFactory(contributor=user, contacts=[user], title=f"Case of {marker}")
    Question.objects.create(resource=case, asked_by=user, text=f"Question from {marker}")
    SavedSearchFactory(user=user, name=f"Search {marker}")
    records["case"] = case

    # events: a place at a past event (attended, with feedback) and one to come
    past = EventFactory(past=True)
    attended = InvitationFactory(
        event=past,
        user=user,
        person=person,
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.PRESENT,
        decline_reason="",
    )
    FeedbackFactory(invitation=attended, will_do_differently=f"Feedback of {marker}")
    coming = InvitationFactory(event=EventFactory(), user=user, status=PlaceStatus.ACCEPTED)
    records.update(past_place=attended, coming_place=coming, past_event=past)

    # champions: their profile, and a mentoring they asked for with a meeting
    profile = ChampionProfileFactory(person=person, experience=f"Experience of {marker}")
    mentoring = MentoringFactory(mentee=user, problem=f"Problem of {marker}", accepted=True)
    MeetingFactory(mentoring=mentoring, notes=f"Meeting notes of {marker}")
    records.update(profile=profile, mentoring=mentoring)

    # academies: a place on a cohort, attendance and a plan
    enrolment = EnrolmentFactory(
        person=person,
        user=user,
        organisation=person.organisation,
        motivation=f"Motivation of {marker}",
    )
    AttendanceFactory(enrolment=enrolment, session=SessionFactory(cohort=enrolment.cohort))
    PlanFactory(enrolment=enrolment, partners=f"Partners of {marker}")
    records["enrolment"] = enrolment

    # assessment: a team place with answers, one with a comment
    member = TeamMemberFactory(user=user, person=person)
    answer_all(member, 3)
    Answer.objects.filter(member=member).update(comment=f"Comment of {marker}")
    records["member"] = member

    # peer challenge: a peer team place, and a finding they recorded
    peer = PeerFactory(person=person)
    finding = FindingFactory(challenge=peer.challenge, recorded_by=user)
    records.update(peer=peer, finding=finding)

    # market: a watch
    WatchFactory(user=user, keywords=f"watch {marker}")

    user.refresh_from_db()
    return Someone(user=user, marks=[name, user.email, marker], records=records)


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)
