"""Two-factor authentication for staff: an authenticator app (TOTP) and single-use backup codes.

django-otp holds the devices and marks a session verified; this module says who needs the
second factor, sets an authenticator up, checks codes (locking the second factor after
HUB_TWO_FACTOR_FAILURE_LIMIT wrong ones in a row) and issues backup codes.
"""

import logging
from base64 import b32encode
from datetime import timedelta

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import User
from hub.accounts.roles import STAFF_ROLES

logger = logging.getLogger("hub.accounts.security")

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10


class TwoFactorLocked(Exception):
    """Too many wrong codes in a row: no code is checked until the lock ends."""


def is_staff_account(user) -> bool:
    """Accounts that must use two-factor authentication (whatever the setting says)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(user.role_names & {role.value for role in STAFF_ROLES})


def two_factor_required(user) -> bool:
    return settings.HUB_STAFF_TWO_FACTOR and is_staff_account(user)


def authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def security_summary(user: User) -> dict:
    """What the account page says of the person's second factor."""
    if not is_staff_account(user):
        return {"is_staff_account": False}
    return {
        "is_staff_account": True,
        "authenticator": authenticator_of(user),
        "backup_codes_left": backup_codes_left(user),
    }


# Setting up ---------------------------------------------------------------------------------


def authenticator_start(user: User, device_id: int | None = None) -> TOTPDevice:
    """The unconfirmed authenticator being set up (`device_id`, kept in the session), or a new
    one with a new secret. It counts for nothing until a code from it is entered."""
    if device_id is not None:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
        if device is not None:
            return device
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def authenticator_secret(device: TOTPDevice) -> str:
    """The secret as a person types it into an app: base32 in groups of 4 characters."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def authenticator_qr_code(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (an <img>, so no inline style)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#0b0c0c")


@transaction.atomic
def authenticator_confirm(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from it: it replaces any other authenticator, the session
    is verified and new backup codes are returned (to show once). None if the code is wrong."""
    if not _check(device, code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    logger.info("Two-factor authentication set up for account %s", device.user.pk)
    return backup_codes_renew(device.user)


@transaction.atomic
def backup_codes_renew(user: User) -> list[str]:
    """New single-use backup codes; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> None:
    """Remove `user`'s authenticator and backup codes (a lost phone): they set up a new one
    next time they sign in, and any session of theirs loses its second factor now."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.warning("Two-factor authentication of account %s reset by account %s", user.pk, by.pk)


# Signing in -------------------------------------------------------------------------------


def verify_authenticator_code(request, user: User, code: str) -> bool:
    """Verify the session with a code from `user`'s authenticator. Raises TwoFactorLocked."""
    device = authenticator_of(user)
    if device is None:
        return False
    if _check(device, code):
        otp_login(request, device)
        return True
    return False


def verify_backup_code(request, user: User, code: str) -> bool:
    """Verify the session with one of `user`'s backup codes, which is then used up.
    Wrong codes count towards the same lock as wrong authenticator codes."""
    authenticator = authenticator_of(user)
    if authenticator is not None:
        _raise_if_locked(authenticator)
    normalised = "".join(code.split()).lower()
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if normalised and device.verify_token(normalised):
            otp_login(request, device)
            if authenticator is not None:
                authenticator.throttle_reset()
            return True
    if authenticator is not None:
        authenticator.throttle_increment()
    return False


def locked_until(device: TOTPDevice):
    """When the lock after too many wrong codes ends, or None if there is no lock."""
    if (
        device.throttling_failure_count >= settings.HUB_TWO_FACTOR_FAILURE_LIMIT
        and device.throttling_failure_timestamp is not None
    ):
        until = device.throttling_failure_timestamp + timedelta(
            minutes=settings.HUB_TWO_FACTOR_LOCKOUT_MINUTES
        )
        if until > timezone.now():
            return until
    return None


def _raise_if_locked(device: TOTPDevice) -> None:
    if locked_until(device) is not None:
        raise TwoFactorLocked


def _check(device: TOTPDevice, code: str) -> bool:
    """django-otp's check, which refuses a code already used and, after a wrong code, any
    code for 1, 2, 4... seconds; our lock comes on top, after 5 wrong codes in a row."""
    _raise_if_locked(device)
    normalised = "".join(code.split())
    if not normalised.isdigit():
        device.throttle_increment()
        return False
    return device.verify_token(normalised)
