"""Fixtures shared by every app's tests."""

import pytest

from hub.accounts.roles import Role


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


@pytest.fixture
def immediate_tasks(settings):
    """Run enqueued tasks at once, in the test's process, with the Hub's queues."""
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    }
