"""Session bookkeeping on sign-in, read by hub.accounts.middleware.SessionExpiryMiddleware."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from hub.accounts.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY


@receiver(user_logged_in, dispatch_uid="hub.accounts.session_started")
def session_started(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now
