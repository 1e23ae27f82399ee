"""Role predicates and the permissions built from them (the `rules` package).

Programme admins hold every staff power, so the staff predicates include them.
"""

import rules

from hub.accounts.roles import Role


def _role(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_signed_in = rules.is_authenticated & rules.is_active
is_programme_admin = _role(Role.PROGRAMME_ADMIN)
is_editor = _role(Role.EDITOR) | is_programme_admin
is_facilitator = _role(Role.FACILITATOR) | is_programme_admin
is_champion = _role(Role.CHAMPION)
is_programme_staff = is_facilitator | is_editor

rules.add_perm("accounts.view_own_account", is_signed_in)
rules.add_perm("accounts.manage_roles", is_programme_admin)
