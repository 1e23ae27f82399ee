"""Signing a test client in as each kind of person who matters to a cohort.

    sign_in_as(client, "facilitator", cohort=cohort, participant=enrolment)

Kinds: None (stays anonymous), "member", "participant" (the given enrolment's user),
"cohort_colleague" (another participant of the same cohort), "other_participant" (of another
cohort), "facilitator" (the cohort's first facilitator), "programme_staff" (an editor),
"programme_admin".
"""

from hub.academies.tests.factories import CohortFactory, EnrolmentFactory
from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory


def sign_in_as(client, who: str | None, *, cohort, participant=None):
    people = {
        None: lambda: None,
        "member": lambda: UserFactory(roles=[Role.MEMBER]),
        "participant": lambda: participant.user,
        "cohort_colleague": lambda: EnrolmentFactory(cohort=cohort).user,
        "other_participant": lambda: EnrolmentFactory(cohort=CohortFactory()).user,
        "facilitator": lambda: cohort.facilitators.order_by("pk").first(),
        "programme_staff": lambda: UserFactory(roles=[Role.EDITOR]),
        "programme_admin": lambda: UserFactory(roles=[Role.PROGRAMME_ADMIN]),
    }
    user = people[who]()
    if user is not None:
        client.force_login(user)
    return client
