"""Factories for the good practice database (en_GB locale, fictional content)."""

from decimal import Decimal

import factory
from django.utils import timezone

from hub.accounts.tests.factories import UserFactory
from hub.cases.models import (
    Adoption,
    Attachment,
    Benefit,
    BenefitKind,
    BenefitPeriod,
    BenefitUnit,
    EvidenceStatus,
    Resource,
    ResourceKind,
    SavedSearch,
    Status,
)
from hub.organisations.tests.factories import OrganisationFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    """A record; published (with `published_at`) unless given another `status`."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = ResourceKind.CASE_STUDY
    title = factory.Sequence(lambda n: f"Online forms for council services {n}")
    slug = factory.Sequence(lambda n: f"online-forms-{n}")
    summary = "A council moved its most used paper forms online and cut phone calls."
    status = Status.PUBLISHED
    sector = "local_government"
    licence = "ogl-3"
    contributor = factory.SubFactory(UserFactory)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    published_at = factory.LazyAttribute(
        lambda record: timezone.now() if record.status == Status.PUBLISHED else None
    )

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.add(*extracted)


class BenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benefit

    resource = factory.SubFactory(ResourceFactory)
    kind = BenefitKind.CASHABLE_SAVING
    description = factory.Sequence(lambda n: f"Fewer printed letters ({n})")
    amount = Decimal("12000")
    unit = BenefitUnit.POUNDS
    period = BenefitPeriod.PER_YEAR
    evidence_status = EvidenceStatus.CLAIMED


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    resource = factory.SubFactory(ResourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    recorded_by = factory.SubFactory(UserFactory)


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Saved search {n}")
    query_string = ""
    last_alerted_at = None


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    resource = factory.SubFactory(ResourceFactory)
    title = factory.Sequence(lambda n: f"Business case {n}")
    file = factory.django.FileField(filename="business-case.pdf", data=MINIMAL_PDF)
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
