"""Who may do what with the supplier market. Contracts, suppliers and benchmarks come from open
data and are public; importing and reviewing matches are for programme staff; a signed-in person
with an organisation watches their own council's contracts and categories."""

import rules

from hub.accounts.rules import is_programme_staff, is_signed_in


@rules.predicate
def has_organisation(user) -> bool:
    return user.is_authenticated and getattr(user, "person", None) is not None


@rules.predicate
def is_own_watch(user, watch) -> bool:
    return watch is not None and user.is_authenticated and watch.user_id == user.pk


rules.add_perm("market.import", is_programme_staff)
rules.add_perm("market.review_matches", is_programme_staff)
rules.add_perm("market.watch", is_signed_in & has_organisation)
rules.add_perm("market.change_watch", is_own_watch)
