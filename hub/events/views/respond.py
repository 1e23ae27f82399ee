"""Answering an invitation through its personal link: no sign-in needed, and it works once.

The token in the address is the only key: it is looked up by its sha256, and a used or
expired link shows why it no longer works instead of the form (status 410), so a forwarded
or replayed link can never answer twice.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hub.events import selectors, services
from hub.events.forms_respond import RespondForm
from hub.events.models import Invitation

NOT_FOUND = "This invitation link is not recognised"


def _invitation(token: str) -> Invitation:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404(NOT_FOUND)
    return invitation


def _why_unusable(invitation: Invitation) -> str | None:
    """Why the link cannot answer now, or None if it can."""
    event = invitation.event
    if invitation.token_used_at is not None:
        return "used"
    if timezone.now() >= invitation.token_expires_at:
        return "expired"
    if event.is_cancelled:
        return "cancelled"
    if event.has_happened:
        return "happened"
    if not invitation.link_is_usable():
        return "used"
    return None


def _unusable(request, invitation: Invitation, reason: str):
    status = 410 if reason in ("used", "expired") else 200
    return render(
        request,
        "events/respond_unusable.html",
        {"invitation": invitation, "event": invitation.event, "reason": reason},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    invitation = _invitation(token)
    if reason := _why_unusable(invitation):
        return _unusable(request, invitation, reason)
    form = RespondForm(request.POST if request.method == "POST" else None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(
                invitation,
                form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                deputy=form.deputy(),
                by_link=True,
                user=request.user if request.user.is_authenticated else None,
            )
        except services.EventsError as error:
            invitation.refresh_from_db()
            if reason := _why_unusable(invitation):
                return _unusable(request, invitation, reason)
            form.add_error("deputy_email" if form.deputy() else None, str(error))
        else:
            return redirect("events:respond_done", token=token)
    return render(
        request,
        "events/respond.html",
        {
            "form": form,
            "invitation": invitation,
            "event": selectors.event_detail(invitation.event.slug),
            "waiting_position": selectors.waiting_position(invitation),
        },
    )


@never_cache
@require_GET
def respond_done(request, token: str):
    invitation = _invitation(token)
    if invitation.token_used_at is None:
        return redirect("events:respond", token=token)
    deputy = invitation.deputies.order_by("-pk").first()
    return render(
        request,
        "events/respond_done.html",
        {
            "invitation": invitation,
            "event": invitation.event,
            "deputy": deputy,
            "waiting_position": selectors.waiting_position(invitation),
            "deputy_waiting_position": selectors.waiting_position(deputy) if deputy else None,
        },
    )
