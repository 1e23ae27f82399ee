"""Who may see and do what in the champions' network. Approved profiles are public; a
mentoring relationship and its meetings are seen only by the two people in it and by
programme staff who run the network."""

import rules

from hub.accounts.rules import is_programme_admin, is_programme_staff, is_signed_in
from hub.champions.models import ProfileStatus
from hub.organisations.models import Seniority


@rules.predicate
def is_approved_profile(user, profile) -> bool:
    return profile is not None and profile.status == ProfileStatus.APPROVED


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return (
        profile is not None
        and user.is_authenticated
        and profile.person.user_id is not None
        and profile.person.user_id == user.pk
    )


@rules.predicate
def is_chief_executive(user) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None and person.seniority == Seniority.CHIEF_EXECUTIVE


@rules.predicate
def is_mentee(user, mentoring) -> bool:
    return mentoring is not None and user.is_authenticated and mentoring.mentee_id == user.pk


@rules.predicate
def is_mentor(user, mentoring) -> bool:
    return (
        mentoring is not None
        and user.is_authenticated
        and mentoring.champion.person.user_id == user.pk
    )


rules.add_perm("champions.view_profile", is_approved_profile | is_own_profile | is_programme_staff)
rules.add_perm("champions.change_profile", is_own_profile | is_programme_admin)
rules.add_perm("champions.nominate", is_chief_executive | is_programme_staff)
rules.add_perm("champions.decide_nomination", is_programme_admin)
rules.add_perm("champions.request_mentoring", is_signed_in & is_approved_profile & ~is_own_profile)
# Meeting notes are the two people's own: programme staff see counts, never content.
rules.add_perm("champions.view_mentoring", is_mentee | is_mentor)
rules.add_perm("champions.answer_request", is_mentor)
rules.add_perm("champions.log_meeting", is_mentee | is_mentor)
rules.add_perm("champions.close_mentoring", is_mentee | is_mentor)
rules.add_perm("champions.run_batch_match", is_programme_staff)
rules.add_perm("champions.view_network_activity", is_programme_staff)
