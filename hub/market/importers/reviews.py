"""Deciding a match review. Accepting a buyer review sets the contract's buyer to the
organisation and marks it MATCHED; accepting a supplier review merges the supplier into the
candidate (its awards move to the candidate; `merged_into` keeps the history). Rejecting a
buyer review leaves the contract UNMATCHED."""

from django.db import transaction
from django.utils import timezone

from hub.market.models import Award, MatchReview, MatchStatus, ReviewKind, ReviewStatus


@transaction.atomic
def decide_review(review: MatchReview, *, accept: bool, user) -> MatchReview:
    review.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.REJECTED
    review.decided_by, review.decided_at = user, timezone.now()
    review.save()
    if review.kind == ReviewKind.BUYER and review.contract_id:
        contract = review.contract
        if accept:
            contract.buyer, contract.buyer_match = review.organisation, MatchStatus.MATCHED
        else:
            contract.buyer, contract.buyer_match = None, MatchStatus.UNMATCHED
        contract.save(update_fields=["buyer", "buyer_match", "updated_at"])
    elif review.kind == ReviewKind.SUPPLIER and accept and review.supplier_id:
        kept, merged = review.candidate_supplier, review.supplier
        for award in Award.objects.filter(suppliers=merged):
            award.suppliers.remove(merged)
            award.suppliers.add(kept)
        merged.merged_into = kept
        merged.save(update_fields=["merged_into", "updated_at"])
    return review
