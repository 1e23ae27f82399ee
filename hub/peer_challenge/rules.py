"""Who may see and do what in a peer challenge.

Until the council publishes its report, a challenge is confidential to its peer team, the
council's nominated leads and programme staff: everyone else gets a 404. Once published, the
report (findings, recommendations and kept signposts) is public; evidence, scoping notes and
proposed or dropped signposts stay confidential."""

import rules

from hub.accounts.rules import is_programme_admin, is_programme_staff


@rules.predicate
def is_peer(user, challenge) -> bool:
    if challenge is None or not user.is_authenticated:
        return False
    return challenge.peers.filter(person__user=user).exists()


@rules.predicate
def is_lead_peer(user, challenge) -> bool:
    if challenge is None or not user.is_authenticated:
        return False
    return challenge.peers.filter(person__user=user, role="lead_peer").exists()


@rules.predicate
def is_council_lead(user, challenge) -> bool:
    if challenge is None or not user.is_authenticated:
        return False
    return challenge.council_leads.filter(person__user=user).exists()


@rules.predicate
def is_published(user, challenge) -> bool:
    return challenge is not None and challenge.is_published


inside = is_peer | is_council_lead | is_programme_staff

rules.add_perm("peer_challenge.set_up", is_programme_staff)
rules.add_perm("peer_challenge.view", is_published | inside)
rules.add_perm("peer_challenge.view_confidential", inside)
rules.add_perm("peer_challenge.change_challenge", is_programme_staff | is_lead_peer)
rules.add_perm("peer_challenge.record_findings", is_peer | is_programme_admin)
rules.add_perm("peer_challenge.publish_report", is_council_lead | is_programme_admin)
rules.add_perm("peer_challenge.manage_action_plan", is_council_lead | is_programme_staff)
rules.add_perm("peer_challenge.record_progress_review", is_peer | is_programme_staff)
rules.add_perm("peer_challenge.view_deadlines", is_programme_staff)
rules.add_perm("peer_challenge.view_sector_learning", is_programme_staff)
rules.add_perm("peer_challenge.edit_framework", is_programme_staff)
rules.add_perm("peer_challenge.publish_framework", is_programme_admin)
