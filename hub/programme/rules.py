"""The programme unit's views are for programme staff only (facilitators, editors, admins)."""

import rules

from hub.accounts.rules import is_programme_staff

rules.add_perm("programme.view_dashboard", is_programme_staff)
