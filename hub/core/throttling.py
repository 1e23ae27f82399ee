"""Rate limits on the JSON API: one budget for each anonymous client address, a larger one
for each signed-in account. Also the counter behind the Hub's other limits (wrong attendance
codes, password reset emails).

Rates come from settings at request time (`HUB_API_RATE_ANON`, `HUB_API_RATE_AUTH`, e.g.
"60/min"; None turns a limit off), so a deployment or a test changes them without a restart.
Counts live in Django's cache: LocMem counts each worker process apart, so production with
several gunicorn workers points `HUB_CACHE_URL` at a shared Redis (ADR 0025).
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry `HUB_API_TRUSTED_PROXIES` hops back in
    X-Forwarded-For. With no trusted proxy the header is ignored, so a client cannot name
    itself a new address for a new budget."""
    proxies = getattr(settings, "HUB_API_TRUSTED_PROXIES", 0)
    remote_addr = request.META.get("REMOTE_ADDR", "")
    forwarded = request.headers.get("x-forwarded-for", "")
    if not proxies or not forwarded:
        return remote_addr
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote_addr
    return hops[-min(proxies, len(hops))]


def count_in_window(key: str, seconds: int) -> int:
    """Add one to the count under `key` and return it; the count starts again `seconds` after
    its first addition. Shared across processes only as far as the cache is (HUB_CACHE_URL)."""
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the count expired between add and incr
        cache.set(key, 1, seconds)
        return 1


class _SettingsRateThrottle(SimpleRateThrottle):
    rate_setting = ""
    timer = staticmethod(time.time)

    def __init__(self):
        # The rate is read on each request (see allow_request), not fixed at start-up.
        self.rate = None
        self.num_requests = self.duration = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.rate_setting, None)
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def wait(self) -> float:
        """Seconds until the oldest counted request leaves the window (at least 1)."""
        if not self.history:
            return float(self.duration)
        return max(1.0, math.ceil(self.duration - (self.now - self.history[-1])))

    def user(self, request: HttpRequest):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Requests without a signed-in account, counted by client address."""

    scope = "anon"
    rate_setting = "HUB_API_RATE_ANON"

    def get_cache_key(self, request: HttpRequest):
        if self.user(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class SignedInRateThrottle(_SettingsRateThrottle):
    """Requests with a signed-in account, counted by account wherever they come from."""

    scope = "user"
    rate_setting = "HUB_API_RATE_AUTH"

    def get_cache_key(self, request: HttpRequest):
        user = self.user(request)
        if user is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


def api_throttles():
    return [AnonymousRateThrottle(), SignedInRateThrottle()]
