import rules

from hub.accounts.rules import is_signed_in

rules.add_perm("organisations.edit_own_profile", is_signed_in)
