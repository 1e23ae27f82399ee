import factory
from faker import Faker

from hub.accounts.tests.factories import UserFactory
from hub.organisations.models import (
    Organisation,
    OrganisationKind,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    Region,
    RoleType,
    Seniority,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire {n} Council")
    short_name = factory.Sequence(lambda n: f"Testshire {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    kind = OrganisationKind.UNITARY
    nation = "England"
    region = Region.NORTH_WEST
    gss_code = factory.Sequence(lambda n: f"E06{n:06d}")
    register_code = factory.Sequence(lambda n: f"T{n:03d}")


_faker = Faker("en_GB")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    # Without apostrophes (O'Brien), which pages rightly escape: tests look for the name as
    # typed. Escaping is tested where it matters, with names chosen for it.
    full_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
    job_title = "Head of digital"
    organisation = factory.SubFactory(OrganisationFactory)
    role_type = RoleType.OFFICER
    seniority = Seniority.HEAD_OF_SERVICE
    user = factory.SubFactory(UserFactory)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    region = Region.NORTH_WEST


class PlacePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacePartner

    place = factory.SubFactory(PlaceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    partner_kind = PartnerKind.COUNCIL
