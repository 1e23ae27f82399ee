"""How every self-assessment page loads its assessment or place and refuses whoever may not
use it.

Visitors are sent to sign in first (an emailed link to a team page must work after signing
in); a signed-in user who may not even see the object gets a 404, so addresses give nothing
away (an assessment's existence is its team's business); one who may see it but not do what
they asked gets the 403 page (after hub/academies/views/access.py)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from hub.assessment.models import Assessment, TeamMember
from hub.organisations.models import Place


def get_assessment(pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("organisation", "framework"), pk=pk)


def refusal(request, assessment: Assessment) -> HttpResponse:
    """For someone who may not do what they asked: 404, sign in, or 403 (see above)."""
    if not request.user.has_perm("assessment.view", assessment):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("No assessment has this address")
    raise PermissionDenied


def assessment_permission_required(perm: str) -> Callable:
    """Load the assessment named by the URL's pk and check `perm` on it; the view gets the
    assessment instead of the pk."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, pk: int, *args, **kwargs):
            assessment = get_assessment(pk)
            if request.user.has_perm(perm, assessment):
                return view_func(request, assessment, *args, **kwargs)
            return refusal(request, assessment)

        return wrapped

    return decorator


def own_membership(request, assessment: Assessment) -> TeamMember | None:
    """The signed-in user's place on the assessment's team, if they have one."""
    if not request.user.is_authenticated:
        return None
    return assessment.members.filter(user=request.user).select_related("person").first()


def get_place(slug: str) -> Place:
    return get_object_or_404(Place, slug=slug)


def place_refusal(request, place: Place) -> HttpResponse:
    if not request.user.has_perm("assessment.view_place_space", place):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("No place space has this address")
    raise PermissionDenied


def place_permission_required(perm: str) -> Callable:
    """Load the place named by the URL's slug and check `perm` on it; the view gets the place
    instead of the slug."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, slug: str, *args, **kwargs):
            place = get_place(slug)
            if request.user.has_perm(perm, place):
                return view_func(request, place, *args, **kwargs)
            return place_refusal(request, place)

        return wrapped

    return decorator
