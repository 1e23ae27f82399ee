"""The review queue: accepting or rejecting uncertain matches."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.market.models import MatchReview, MatchStatus, ReviewKind, ReviewStatus
from hub.market.tests.factories import AwardFactory, ContractFactory, SupplierFactory
from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def buyer_review():
    merton = OrganisationFactory(name="London Borough of Merton")
    contract = ContractFactory(buyer=None, buyer_match=MatchStatus.UNCERTAIN, buyer_name="Mertn")
    return MatchReview.objects.create(
        kind=ReviewKind.BUYER, raw_name="Mertn", score=0.9, contract=contract, organisation=merton
    )


def test_the_queue_lists_pending_reviews(client_as, django_assert_max_num_queries):
    review = buyer_review()
    client = client_as(Role.PROGRAMME_ADMIN)
    for _ in range(5):
        buyer_review()
    with django_assert_max_num_queries(12):
        page = client.get(reverse("market:reviews")).content.decode()
    assert reverse("market:review", args=[review.pk]) in page
    assert "London Borough of Merton" in page


def test_accepting_a_buyer_sets_the_contracts_buyer(client_as):
    review = buyer_review()
    response = client_as(Role.PROGRAMME_ADMIN).post(
        reverse("market:review", args=[review.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    contract = review.contract
    contract.refresh_from_db()
    assert review.status == ReviewStatus.ACCEPTED
    assert review.decided_by is not None
    assert contract.buyer == review.organisation
    assert contract.buyer_match == MatchStatus.MATCHED


def test_rejecting_a_buyer_leaves_it_unmatched(client_as):
    review = buyer_review()
    client_as(Role.PROGRAMME_ADMIN).post(
        reverse("market:review", args=[review.pk]), {"decision": "reject"}
    )
    review.contract.refresh_from_db()
    assert review.contract.buyer is None
    assert review.contract.buyer_match == MatchStatus.UNMATCHED


def test_accepting_a_supplier_merges_it(client_as):
    kept, duplicate = SupplierFactory(name="Acme Ltd"), SupplierFactory(name="ACME Limited")
    award = AwardFactory(suppliers=[duplicate])
    review = MatchReview.objects.create(
        kind=ReviewKind.SUPPLIER,
        raw_name="ACME Limited",
        score=0.7,
        supplier=duplicate,
        candidate_supplier=kept,
    )
    client_as(Role.PROGRAMME_ADMIN).post(
        reverse("market:review", args=[review.pk]), {"decision": "accept"}
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert list(award.suppliers.all()) == [kept]


def test_a_decision_is_required(client_as):
    review = buyer_review()
    response = client_as(Role.PROGRAMME_ADMIN).post(reverse("market:review", args=[review.pk]), {})
    assert "Select whether to accept or reject the match" in response.content.decode()


def test_members_cannot_decide(client_as):
    review = buyer_review()
    response = client_as(Role.MEMBER).post(
        reverse("market:review", args=[review.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
