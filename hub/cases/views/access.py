"""Loading the good practice record a page is about, and checking what the user may do with it
(after hub/events/views/access.py)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from hub.cases.models import Resource

NOT_FOUND = "No good practice record has this address"


def resource_permission_required(perm: str) -> Callable:
    """Load the record named by the URL's slug and check `perm` on it; the view gets the record.

    Visitors are sent to sign in. Someone signed in who may not even see the record gets a
    404, as its own page gives them: the edit, reuse and ask pages of someone else's draft do
    not reveal that it exists. Anyone else who may not do this gets the 403 page.
    """

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, slug: str, *args, **kwargs):
            resource = get_object_or_404(Resource, slug=slug)
            user = request.user
            if user.has_perm(perm, resource):
                return view_func(request, resource, *args, **kwargs)
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_perm("cases.view_resource", resource):
                raise Http404(NOT_FOUND)
            raise PermissionDenied

        return wrapped

    return decorator
