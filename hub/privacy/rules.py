"""Who may see what: your own data is yours; histories are programme staff's, and those of
personal records (accounts, people, places at events, erasure requests) programme admins'."""

import rules

from hub.accounts.rules import is_programme_admin, is_programme_staff, is_signed_in
from hub.privacy.audit import RecordType


@rules.predicate
def is_personal_record_type(user, record_type: RecordType | None) -> bool:
    return record_type is not None and record_type.personal


rules.add_perm("privacy.use_own_data", is_signed_in)
rules.add_perm(
    "privacy.view_history",
    is_programme_admin | (is_programme_staff & ~is_personal_record_type),
)
rules.add_perm("privacy.view_changes", is_programme_admin)
rules.add_perm("privacy.manage_erasure", is_programme_admin)
