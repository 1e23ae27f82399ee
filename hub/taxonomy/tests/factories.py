import factory

from hub.taxonomy.models import ServiceArea


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("lgsl_code",)

    lgsl_code = factory.Sequence(lambda n: 90000 + n)
    label = factory.Sequence(lambda n: f"Test service {n}")
