"""Who may see and do what in the self-assessment and place spaces.

An assessment's answers are its team's alone: each member sees the team's results (where they
agree and differ), the lead runs it. Nobody outside the team sees an individual answer, not
even programme staff; outside the team, scores appear only in benchmarks of at least 5
councils. A place's space is for people of its partner organisations and programme staff."""

import rules

from hub.accounts.rules import is_programme_admin, is_programme_staff, is_signed_in


@rules.predicate
def is_team_member(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return assessment.members.filter(user=user).exists()


@rules.predicate
def is_team_lead(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return assessment.members.filter(user=user, is_lead=True).exists()


@rules.predicate
def is_open(user, assessment) -> bool:
    return assessment is not None and assessment.is_open


@rules.predicate
def has_organisation(user) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None


@rules.predicate
def belongs_to_place(user, place) -> bool:
    """The user's organisation (from their register person) is a partner of the place."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if place is None or person is None:
        return False
    return place.memberships.filter(organisation_id=person.organisation_id).exists()


rules.add_perm("assessment.start", is_signed_in & has_organisation)
rules.add_perm("assessment.view", is_team_member)
rules.add_perm("assessment.answer", is_team_member & is_open)
rules.add_perm("assessment.manage", is_team_lead)
rules.add_perm("assessment.view_framework_versions", is_programme_staff)
rules.add_perm("assessment.edit_framework", is_programme_staff)
rules.add_perm("assessment.publish_framework", is_programme_admin)
rules.add_perm("assessment.view_sector", is_programme_staff)
rules.add_perm("assessment.view_place_space", belongs_to_place | is_programme_staff)
rules.add_perm("assessment.post_to_board", belongs_to_place | is_programme_staff)
rules.add_perm("assessment.start_place_assessment", belongs_to_place | is_programme_staff)
rules.add_perm("assessment.manage_place_leads", belongs_to_place | is_programme_staff)
