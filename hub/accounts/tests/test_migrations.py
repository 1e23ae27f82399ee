import pytest
from django.contrib.auth.models import Group

from hub.accounts.roles import Role


@pytest.mark.django_db
def test_the_data_migration_made_a_group_for_every_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
