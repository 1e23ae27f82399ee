"""A council's watches on the supplier market: its contracts ending soon and categories."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.permissions import permission_required
from hub.market.alerts import PREVIEW_SIZE, watch_label, watch_matches
from hub.market.forms_watches import WatchForm
from hub.market.models import Watch


def _own_watch(request, pk: int) -> Watch:
    """Someone else's watch is not found (404), not forbidden: its existence is not shown."""
    return get_object_or_404(
        Watch.objects.select_related("organisation"), pk=pk, user_id=request.user.pk
    )


@permission_required("market.watch")
@require_GET
def watch_list(request):
    watches = Watch.objects.filter(user=request.user).select_related("organisation")
    rows = []
    for watch in watches:
        matches = watch_matches(watch).select_related("buyer")
        rows.append(
            {
                "watch": watch,
                "label": watch_label(watch),
                "count": matches.count(),
                "next": list(matches[:PREVIEW_SIZE]),
            }
        )
    return render(request, "market/watches/list.html", {"rows": rows})


@permission_required("market.watch")
@require_http_methods(["GET", "POST"])
def watch_new(request):
    organisation = request.user.person.organisation
    form = WatchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        Watch.objects.create(user=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, "You are watching it. We will email you what we find")
        return redirect("market:watches")
    return render(request, "market/watches/new.html", {"form": form, "organisation": organisation})


@permission_required("market.watch")
@permission_required("market.change_watch", fn=_own_watch)
@require_http_methods(["GET", "POST"])
def watch_remove(request, pk: int):
    watch = _own_watch(request, pk)
    if request.method == "POST":
        label = watch_label(watch)
        watch.delete()
        messages.success(request, f"Stopped watching: {label}")
        return redirect("market:watches")
    return render(
        request, "market/watches/remove.html", {"watch": watch, "label": watch_label(watch)}
    )
