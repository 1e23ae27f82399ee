"""Fixtures shared by every app's tests."""

import pytest

from hub.accounts.roles import Role

# The browser journeys' fixtures (Chromium, the live server, the demo seed) and their skip hook,
# for every app's journeys. Imported into this conftest rather than listed in `pytest_plugins`:
# a conftest's fixtures override those of installed plugins (pytest-playwright's
# browser_type_launch_args, pytest-base-url's base_url); another plugin's would not.
from hub.core.tests.browser.fixtures import (  # noqa: F401
    base_url,
    browser_type_launch_args,
    hub_data,
    hub_page,
    pytest_collection_modifyitems,
)


@pytest.fixture
def user_with_role(db):
    """Make a signed-up account holding `role` (members hold only the member role)."""
    from hub.accounts.tests.factories import UserFactory

    def make(role: Role = Role.MEMBER, **fields):
        return UserFactory(roles=[role], **fields)

    return make


@pytest.fixture
def client_as(client, user_with_role):
    """A test client signed in as a new account with the given role, or anonymous for None."""

    def sign_in(role: Role | None):
        if role is not None:
            client.force_login(user_with_role(role))
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    """`client.force_login` stands for a whole sign-in, which for staff includes the second
    factor: it also verifies a confirmed authenticator, as entering its code would. Tests of
    the second factor itself mark themselves `password_only_force_login` to sign in without it."""
    if request.node.get_closest_marker("password_only_force_login"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from hub.accounts.two_factor import is_staff_account

        # A fresh copy: the test may have changed the roles since `user.role_names` was read.
        if is_staff_account(type(user).objects.get(pk=user.pk)):
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Test authenticator")
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def immediate_tasks(settings):
    """Run enqueued tasks at once, in the test's process, with the Hub's queues."""
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    }


# Data that migrations write (role groups, themes, learning outcomes). A transactional test
# (live server, schemathesis) ends by flushing every table, which would leave the tests after
# it in the same worker without that data, whatever order tests run in; so each test that uses
# the database first puts it back if it is missing (three counting queries when it is there).
MIGRATION_DATA = [
    ("hub.accounts.migrations.0002_roles_as_groups", "create_role_groups"),
    ("hub.taxonomy.migrations.0002_themes", "create_themes"),
    ("hub.academies.migrations.0002_learning_outcomes", "load"),
    ("hub.assessment.migrations.0002_framework_v1", "load_framework_v1"),
    ("hub.peer_challenge.migrations.0002_framework_v1", "load_framework_v1"),
]
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def _uses_db(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def _migration_data_missing() -> bool:
    from django.contrib.auth.models import Group

    from hub.academies.models import LearningOutcome
    from hub.accounts.roles import Role
    from hub.assessment.models import Framework
    from hub.peer_challenge.models import EnquiryFramework
    from hub.taxonomy.models import Theme

    return (
        Group.objects.filter(name__in=Role.values).count() < len(Role)
        or not Theme.objects.exists()
        or not LearningOutcome.objects.exists()
        or not Framework.objects.filter(version=1).exists()
        or not EnquiryFramework.objects.filter(version=1).exists()
    )


@pytest.fixture(autouse=True)
def _migration_data_present(request, django_db_blocker):
    if _uses_db(request.node):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            if _migration_data_missing():
                import importlib

                from django.apps import apps

                for module, function in MIGRATION_DATA:
                    getattr(importlib.import_module(module), function)(apps, None)
