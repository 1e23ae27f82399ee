"""The two-factor pages under /account/two-factor/: set up an authenticator, enter a code (or
a backup code) after the password, see new backup codes once, and an admin's reset."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from hub.accounts.forms import AuthenticatorCodeForm, BackupCodeForm
from hub.accounts.models import User
from hub.accounts.two_factor import (
    TwoFactorLocked,
    authenticator_confirm,
    authenticator_of,
    authenticator_qr_code,
    authenticator_secret,
    authenticator_start,
    backup_codes_renew,
    is_staff_account,
    two_factor_reset,
    verify_authenticator_code,
    verify_backup_code,
)
from hub.core.permissions import permission_required

SETUP_DEVICE_KEY = "hub_two_factor_setup_device"
NEW_BACKUP_CODES_KEY = "hub_two_factor_new_backup_codes"
WRONG_CODE = "The code is not right or has been used. Enter the code your app shows now"
WRONG_BACKUP = "The backup code is not right or has been used"
LOCKED = (
    "You have entered a wrong code too many times. Wait 15 minutes, then try again, or ask a "
    "programme admin to reset your two-factor authentication"
)


def _staff_only(request) -> None:
    if not is_staff_account(request.user):
        raise PermissionDenied


def _safe_next(request) -> str:
    """The page to go on to ("next"), if it is on this Hub; "" otherwise."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _next_url(request) -> str:
    return _safe_next(request) or reverse("accounts:account")


def _with_next(url: str, request) -> str:
    next_url = _safe_next(request)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@permission_required("accounts.view_own_account")
@require_http_methods(["GET", "POST"])
def set_up(request):
    """Set up an authenticator, or replace the one in use (which needs its code first)."""
    _staff_only(request)
    current = authenticator_of(request.user)
    if current is not None and not request.user.is_verified():
        return redirect(_with_next(reverse("accounts:two-factor-verify"), request))
    device = authenticator_start(request.user, request.session.get(SETUP_DEVICE_KEY))
    request.session[SETUP_DEVICE_KEY] = device.pk
    form = AuthenticatorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = authenticator_confirm(request, device, form.cleaned_data["code"])
        except TwoFactorLocked:
            form.add_error("code", LOCKED)
        else:
            if codes is None:
                form.add_error("code", WRONG_CODE)
            else:
                request.session.pop(SETUP_DEVICE_KEY, None)
                request.session[NEW_BACKUP_CODES_KEY] = codes
                messages.success(request, "Two-factor authentication is set up")
                return redirect(_with_next(reverse("accounts:two-factor-backup-codes"), request))
    return render(
        request,
        "accounts/two_factor/set_up.html",
        {
            "form": form,
            "replacing": current is not None,
            "qr_code": authenticator_qr_code(device),
            "secret": authenticator_secret(device),
            "next": request.GET.get("next", ""),
        },
    )


@permission_required("accounts.view_own_account")
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """New backup codes, shown once. A POST makes new ones (which needs a verified session)."""
    _staff_only(request)
    if request.method == "POST":
        if not request.user.is_verified():
            raise PermissionDenied
        request.session[NEW_BACKUP_CODES_KEY] = backup_codes_renew(request.user)
        return redirect("accounts:two-factor-backup-codes")
    codes = request.session.pop(NEW_BACKUP_CODES_KEY, None)
    if not codes:
        return redirect("accounts:account")
    return render(
        request,
        "accounts/two_factor/backup_codes.html",
        {"codes": codes, "next_url": _next_url(request)},
    )


@permission_required("accounts.view_own_account")
@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: the code from the authenticator app."""
    return _verify(
        request,
        form_class=AuthenticatorCodeForm,
        check=verify_authenticator_code,
        template="accounts/two_factor/verify.html",
    )


@permission_required("accounts.view_own_account")
@require_http_methods(["GET", "POST"])
def verify_backup(request):
    """After the password, without the phone: one of the backup codes, used up."""
    return _verify(
        request,
        form_class=BackupCodeForm,
        check=verify_backup_code,
        template="accounts/two_factor/verify_backup.html",
    )


def _verify(request, *, form_class, check, template):
    _staff_only(request)
    if authenticator_of(request.user) is None:
        return redirect(_with_next(reverse("accounts:two-factor-set-up"), request))
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = check(request, request.user, form.cleaned_data["code"])
        except TwoFactorLocked:
            form.add_error("code", LOCKED)
        else:
            if verified:
                return redirect(_next_url(request))
            form.add_error(
                "code", WRONG_CODE if form_class is AuthenticatorCodeForm else WRONG_BACKUP
            )
    return render(request, template, {"form": form, "next": request.GET.get("next", "")})


@permission_required("accounts.manage_roles")
@require_POST
def person_two_factor_reset(request, pk: int):
    """A programme admin removes someone's authenticator (a lost phone)."""
    person = get_object_or_404(User, pk=pk)
    two_factor_reset(user=person, by=request.user)
    messages.success(
        request,
        f"Two-factor authentication reset for {person}. They will set up a new authenticator "
        "app next time they sign in",
    )
    return redirect("accounts:person-roles", pk=person.pk)
