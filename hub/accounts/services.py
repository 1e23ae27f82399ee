import hashlib

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.core.throttling import count_in_window


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str) -> User:
    """A new account with the member role."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    user.groups.add(Group.objects.get(name=Role.MEMBER))
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[Role], by: User) -> User:
    """Replace `user`'s roles. Every account keeps the member role; an admin cannot
    remove their own admin role (so the Hub is never left without one by accident)."""
    wanted = {Role(role) for role in roles} | {Role.MEMBER}
    if user == by and Role.PROGRAMME_ADMIN not in wanted:
        raise ValueError("You cannot remove your own programme admin role.")
    user.groups.set(Group.objects.filter(name__in=[role.value for role in wanted]))
    user.__dict__.pop("role_names", None)
    return user


def password_reset_allowed(email: str) -> bool:
    """At most HUB_PASSWORD_RESET_LIMIT reset requests an hour for one email address, so the
    Hub cannot be used to flood someone's inbox. Counted whether or not an account exists."""
    key = "password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return count_in_window(key, 60 * 60) <= settings.HUB_PASSWORD_RESET_LIMIT


def password_reset_done(user: User) -> None:
    """After a reset the person is proven again: failed sign-ins against the old password no
    longer lock them out. (Their other sessions end by themselves: Django ties a session to a
    hash of the password.)"""
    axes_reset(username=user.email)
