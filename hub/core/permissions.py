"""The one way views check permissions: rules evaluated on the server for every request.

Visitors who are not signed in are sent to sign in; signed-in users without the permission
get the 403 page, so nobody is asked to sign in again to be refused.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(perm: str, *, fn: Callable | None = None):
    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn else None
            if request.user.has_perm(perm, obj):
                return view_func(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
