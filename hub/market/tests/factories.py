"""Factories for the supplier market (fictional contracts)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from hub.market.models import Award, Contract, MatchStatus, Source, Supplier, Watch, WatchKind
from hub.organisations.tests.factories import OrganisationFactory


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Testshire Software {n} Ltd")
    normalised_name = factory.LazyAttribute(lambda o: o.name.lower().replace(" ltd", ""))
    identifier = factory.Sequence(lambda n: f"GB-COH-{n:08d}")
    slug = factory.Sequence(lambda n: f"testshire-software-{n}")


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    source = Source.CONTRACTS_FINDER
    ocid = factory.Sequence(lambda n: f"ocds-b5fd17-test-{n}")
    title = factory.Sequence(lambda n: f"Revenues and benefits system {n}")
    description = "A hosted system for council tax and housing benefit."
    buyer = factory.SubFactory(OrganisationFactory)
    buyer_name = factory.LazyAttribute(lambda o: o.buyer.name if o.buyer else "Unknown buyer")
    buyer_match = factory.LazyAttribute(
        lambda o: MatchStatus.MATCHED if o.buyer else MatchStatus.UNMATCHED
    )
    cpv_codes = factory.LazyFunction(lambda: ["48000000"])
    category = "goods"
    status = "active"
    procurement_method = "open"
    value = Decimal("250000")
    currency = "GBP"
    number_of_tenderers = 3
    tender_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))
    tender_end = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=370))
    contract_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=300))
    contract_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=360))


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        skip_postgeneration_save = True

    contract = factory.SubFactory(ContractFactory)
    award_id = factory.Sequence(lambda n: f"award-{n}")
    status = "active"
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=320))
    value = Decimal("250000")
    currency = "GBP"

    @factory.post_generation
    def suppliers(self, create, extracted, **kwargs):
        if create:
            self.suppliers.set(extracted if extracted is not None else [SupplierFactory()])


class WatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Watch

    user = factory.SubFactory("hub.accounts.tests.factories.UserFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    kind = WatchKind.EXPIRING
