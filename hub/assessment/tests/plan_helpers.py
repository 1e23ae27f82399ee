"""Helpers of the benchmark, support plan and sector tests: councils with closed assessments
and known scores, and the people who matter to an assessment's pages."""

import datetime as dt

from django.utils import timezone

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.assessment.models import AssessmentStatus
from hub.assessment.tests.factories import (
    CAPABILITY_CODES,
    AssessmentFactory,
    TeamMemberFactory,
    answer_all,
)
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory

CODES = [code for code, _title in CAPABILITY_CODES]
# Answer (1-5) for each 0-100 score one member's answers give.
ANSWER_FOR = {0: 1, 25: 2, 50: 3, 75: 4, 100: 5}


def council(kind=OrganisationKind.UNITARY, region=Region.NORTH_WEST, **fields):
    return OrganisationFactory(kind=kind, region=region, **fields)


def scored_assessment(organisation, framework, scores, *, closed=True, closed_at=None, role=None):
    """An assessment of `organisation` whose one submitted member gives each capability the
    score in `scores` (an int for all, or {code: 0/25/50/75/100})."""
    assessment = AssessmentFactory(
        organisation=organisation,
        framework=framework,
        status=AssessmentStatus.CLOSED if closed else AssessmentStatus.OPEN,
        closed_at=(closed_at or timezone.now()) if closed else None,
    )
    extra = {"role": role} if role else {}
    member = TeamMemberFactory(assessment=assessment, is_lead=True, **extra)
    if isinstance(scores, dict):
        answers = {code: ANSWER_FOR[score] for code, score in scores.items()}
    else:
        answers = ANSWER_FOR[scores]
    answer_all(member, answers)
    return assessment


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


# The status of a page only the team sees, for each person of `people`: visitors sign in,
# anyone outside the team (programme staff too) finds nothing there.
TEAM_SEES = [
    ("anonymous", 302),
    ("member", 404),
    ("team_member", 200),
    ("lead", 200),
    ("other_council", 404),
    ("editor", 404),
    ("facilitator", 404),
]


def people(assessment):
    """Everyone whose access to an assessment's pages matters, by name (None: anonymous)."""
    lead = assessment.members.filter(is_lead=True).first() or TeamMemberFactory(
        assessment=assessment, is_lead=True
    )
    member = TeamMemberFactory(assessment=assessment)
    return {
        "anonymous": None,
        "member": UserFactory(roles=[Role.MEMBER]),
        "team_member": member.user,
        "lead": lead.user,
        "other_council": PersonFactory(organisation=OrganisationFactory()).user,
        "editor": UserFactory(roles=[Role.EDITOR]),
        "facilitator": UserFactory(roles=[Role.FACILITATOR]),
    }


def sign_in(client, user):
    if user is not None:
        client.force_login(user)
    return client
