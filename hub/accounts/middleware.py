"""Session expiry and the staff second factor, enforced for every request."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from hub.accounts.two_factor import authenticator_of, two_factor_required

LAST_ACTIVITY_KEY = "hub_last_activity"
SIGNED_IN_AT_KEY = "hub_signed_in_at"
SIGNED_OUT_REASON_KEY = "hub_signed_out_reason"
# A session is written at most this often just to note that its owner is still active.
ACTIVITY_WRITE_SECONDS = 60


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


class SessionExpiryMiddleware:
    """Signs a person out after HUB_SESSION_IDLE_MINUTES without a request, and
    SESSION_COOKIE_AGE after signing in whatever they do; the sign-in page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = self._expired(request)
            if reason:
                next_path = request.get_full_path() if request.method == "GET" else ""
                logout(request)
                if not _is_api(request):
                    request.session[SIGNED_OUT_REASON_KEY] = reason
                    sign_in = reverse(settings.LOGIN_URL)
                    query = f"?{urlencode({'next': next_path})}" if next_path else ""
                    return redirect(f"{sign_in}{query}")
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> str | None:
        session = request.session
        now = int(time.time())
        signed_in_at = session.setdefault(SIGNED_IN_AT_KEY, now)
        last_activity = session.get(LAST_ACTIVITY_KEY, now)
        if now - last_activity > settings.HUB_SESSION_IDLE_MINUTES * 60:
            return "idle"
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            return "too_long"
        if LAST_ACTIVITY_KEY not in session or now - last_activity >= ACTIVITY_WRITE_SECONDS:
            session[LAST_ACTIVITY_KEY] = now
        return None


def signed_out_message(request) -> str | None:
    """Why the last session ended, said once on the sign-in page (GOV.UK's wording)."""
    reason = request.session.pop(SIGNED_OUT_REASON_KEY, None)
    if reason == "idle":
        minutes = settings.HUB_SESSION_IDLE_MINUTES
        return f"You were signed out because you had not done anything for {minutes} minutes"
    if reason == "too_long":
        hours = settings.SESSION_COOKIE_AGE // 3600
        return f"You were signed out because you had been signed in for {hours} hours"
    return None


TWO_FACTOR_PREFIX = "/account/two-factor/"


class StaffTwoFactorMiddleware:
    """A signed-in staff account that has not passed the second factor reaches only sign-out,
    the two-factor pages, static files and /healthz: other pages send it to set an
    authenticator up (none yet) or to enter a code; the API answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and two_factor_required(user)
            and not user.is_verified()
            and not self._exempt(request.path)
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return (
            path.startswith(TWO_FACTOR_PREFIX)
            or path.startswith(settings.STATIC_URL)
            or path == reverse("accounts:sign-out")
            or path == reverse("healthz")
        )

    @staticmethod
    def _refuse(request):
        if _is_api(request):
            return JsonResponse(
                {"detail": "Enter the code from your authenticator app in the Hub first."},
                status=403,
            )
        step = "verify" if authenticator_of(request.user) else "set-up"
        url = reverse(f"accounts:two-factor-{step}")
        if request.method == "GET":
            url += f"?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
