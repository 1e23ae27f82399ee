"""Who may see and do what in the academies.

Modules, briefings and listed cohorts are public. Who is on a cohort, their attendance, plans
and survey answers are seen only by the cohort's own participants (the list of names), the
participant themselves (their own records), the cohort's facilitators and programme staff."""

import rules

from hub.accounts.rules import is_facilitator, is_programme_admin, is_programme_staff, is_signed_in


def _cohort_of(obj):
    """The cohort of a cohort, session or enrolment (rules get whichever the view has)."""
    if obj is None:
        return None
    return getattr(obj, "cohort", obj)


@rules.predicate
def is_listed_cohort(user, cohort) -> bool:
    from hub.academies.models import LISTED_COHORT_STATUSES

    cohort = _cohort_of(cohort)
    return cohort is not None and cohort.status in LISTED_COHORT_STATUSES


@rules.predicate
def is_recruiting_cohort(user, cohort) -> bool:
    from hub.academies.models import CohortStatus

    cohort = _cohort_of(cohort)
    return cohort is not None and cohort.status in (CohortStatus.RECRUITING, CohortStatus.RUNNING)


@rules.predicate
def is_cohort_facilitator(user, obj) -> bool:
    cohort = _cohort_of(obj)
    if cohort is None or not user.is_authenticated:
        return False
    return cohort.facilitators.filter(pk=user.pk).exists()


@rules.predicate
def is_cohort_participant(user, obj) -> bool:
    from hub.academies.models import ACTIVE_ENROLMENT

    cohort = _cohort_of(obj)
    if cohort is None or not user.is_authenticated:
        return False
    return cohort.enrolments.filter(user=user, status__in=ACTIVE_ENROLMENT).exists()


@rules.predicate
def is_own_enrolment(user, enrolment) -> bool:
    return enrolment is not None and user.is_authenticated and enrolment.user_id == user.pk


@rules.predicate
def holds_place(user, enrolment) -> bool:
    return enrolment is not None and enrolment.holds_place


runs_cohort = is_cohort_facilitator | is_programme_admin

rules.add_perm("academies.create_cohort", is_facilitator)
rules.add_perm("academies.view_cohort", is_listed_cohort | runs_cohort | is_programme_staff)
rules.add_perm("academies.manage_cohort", runs_cohort)
rules.add_perm("academies.apply", is_signed_in & is_recruiting_cohort)
# The names on a cohort: its own participants see each other, nobody else's cohort.
rules.add_perm(
    "academies.view_participants", is_cohort_participant | runs_cohort | is_programme_staff
)
rules.add_perm("academies.take_attendance", runs_cohort)
rules.add_perm("academies.check_in", is_own_enrolment & holds_place)
rules.add_perm("academies.view_enrolment", is_own_enrolment | runs_cohort | is_programme_staff)
rules.add_perm("academies.change_plan", is_own_enrolment & holds_place)
rules.add_perm("academies.answer_survey", is_own_enrolment & holds_place)
rules.add_perm("academies.view_cohort_reports", runs_cohort | is_programme_staff)
rules.add_perm("academies.view_programme_progress", is_programme_staff)
