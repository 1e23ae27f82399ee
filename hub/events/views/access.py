"""Loading the event a page is about, and checking what the user may do with it."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from hub.events.models import Event


def event_permission_required(perm: str) -> Callable:
    """Load the event named by the URL's slug and check `perm` on it; the view gets the event.

    Anyone who may neither do this nor see the event, signed in or not, gets a 404: a private
    event's address gives nothing away. (A record published to the network is readable by
    members who were not invited, so `perm` is checked first.) Visitors are sent to sign in
    for what they may see but not do yet, and people signed in get the 403 page.
    """

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, slug: str, *args, **kwargs):
            event = get_object_or_404(
                Event.objects.select_related("series", "speaker__organisation", "record"), slug=slug
            )
            user = request.user
            if user.has_perm(perm, event):
                return view_func(request, event, *args, **kwargs)
            if not user.has_perm("events.view_event", event):
                raise Http404("No event has this address")
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
