"""How every peer challenge page loads its challenge and refuses whoever may not use it.

Visitors are sent to sign in first when the challenge is not public (an emailed link to the
team page must work after signing in); a signed-in user who may not even see the challenge
gets a 404, so addresses give nothing away (a challenge is confidential until the council
publishes its report); one who may see it but not do what they asked gets the 403 page
(after hub/assessment/views/access.py)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from hub.peer_challenge.models import Challenge


def get_challenge(slug: str) -> Challenge:
    return get_object_or_404(
        Challenge.objects.select_related("organisation", "framework"), slug=slug
    )


def refusal(request, challenge: Challenge) -> HttpResponse:
    """For someone who may not do what they asked: sign in, 404 or 403 (see above)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("peer_challenge.view", challenge):
        raise Http404("No peer challenge has this address")
    raise PermissionDenied


def challenge_permission_required(perm: str) -> Callable:
    """Load the challenge named by the URL's slug and check `perm` on it; the view gets the
    challenge instead of the slug."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, slug: str, *args, **kwargs):
            challenge = get_challenge(slug)
            if request.user.has_perm(perm, challenge):
                return view_func(request, challenge, *args, **kwargs)
            return refusal(request, challenge)

        return wrapped

    return decorator
