import factory
from django.contrib.auth.models import Group
from faker import Faker

from hub.accounts.models import User
from hub.accounts.roles import Role

TEST_PASSWORD = "a-long-test-password-123"  # noqa: S105


_faker = Faker("en_GB")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    # Without apostrophes (O'Brien), which pages rightly escape: tests look for names as typed.
    full_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        names = {Role.MEMBER.value, *(Role(role).value for role in (extracted or []))}
        self.groups.set(Group.objects.filter(name__in=names))
        self.save()
