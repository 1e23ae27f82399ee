"""Personal data of an account: the account itself, its sign-in records and authenticators.

Erasure anonymises the account rather than deleting it, so records that point at it (a case's
moderation trail, an event's facilitators) keep working and show "Erased person"."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.roles import Role
from hub.privacy.registry import PersonalDataSource, register

ERASED_NAME = "Erased person"


def erased_email(user) -> str:
    return f"erased-{user.pk}@invalid"


def export(user) -> dict:
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "roles": sorted(user.role_names),
            "joined": user.date_joined,
            "last_signed_in": user.last_login,
            "active": user.is_active,
        },
        "authenticator_apps": list(
            TOTPDevice.objects.filter(user=user).values("name", "confirmed", "created_at")
        ),
        "sign_in_records": list(
            AccessLog.objects.filter(username=user.email).values(
                "attempt_time", "logout_time", "ip_address", "user_agent"
            )
        ),
    }


def erase(user) -> dict[str, int]:
    email = user.email
    sign_ins = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        sign_ins += model.objects.filter(username__iexact=email).delete()[0]
    devices = TOTPDevice.objects.filter(user=user).delete()[0]
    devices += StaticDevice.objects.filter(user=user).delete()[0]
    user.email = erased_email(user)
    user.full_name = ERASED_NAME
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash also ends every session of the account (Django checks its hash).
    user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name=Role.MEMBER))
    user.__dict__.pop("role_names", None)
    return {
        "accounts anonymised": 1,
        "sign-in records deleted": sign_ins,
        "authenticators deleted": devices,
    }


register(
    PersonalDataSource(
        key="accounts",
        title="Your account",
        description="Your email address, name and roles, your authenticator apps and the record "
        "of your sign-ins.",
        export=export,
        erase=erase,
        audited_records=lambda user: [user],
        # Last: other apps' erasers find the person's records by their email address.
        order=100,
    )
)
