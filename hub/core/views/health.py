from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hub.core.health import health


@require_GET
@never_cache
def healthz(request):
    state = health()
    return JsonResponse(state, status=200 if state["status"] == "ok" else 503)
