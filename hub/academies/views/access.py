"""How every academies page loads its cohort and refuses whoever may not use it.

Whoever may not even see a cohort gets a 404, so a draft's addresses give nothing away;
visitors are then sent to sign in, and signed-in users get the 403 page (the pattern of
hub/events/views/access.py)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from hub.academies.models import Cohort, Enrolment


def get_cohort(slug: str) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("place"), slug=slug)


def refusal(request, cohort: Cohort) -> HttpResponse:
    """For someone who may not do what they asked: 404, sign in, or 403 (see above)."""
    if not request.user.has_perm("academies.view_cohort", cohort):
        raise Http404("No cohort has this address")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def cohort_permission_required(perm: str) -> Callable:
    """Load the cohort named by the URL's slug and check `perm` on it; the view gets the
    cohort instead of the slug."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, slug: str, *args, **kwargs):
            cohort = get_cohort(slug)
            if request.user.has_perm(perm, cohort):
                return view_func(request, cohort, *args, **kwargs)
            return refusal(request, cohort)

        return wrapped

    return decorator


def own_enrolment(request, cohort: Cohort) -> Enrolment | None:
    """The signed-in user's enrolment on the cohort, if they have one."""
    if not request.user.is_authenticated:
        return None
    return (
        cohort.enrolments.filter(user=request.user).select_related("person", "organisation").first()
    )


def cohort_enrolment(cohort: Cohort, enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        cohort.enrolments.select_related("person", "organisation", "cohort"), pk=enrolment_id
    )
