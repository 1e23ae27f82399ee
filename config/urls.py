from django.contrib import admin
from django.urls import include, path

from config.api import api
from hub.core.views.health import healthz

urlpatterns = [
    path("", include("hub.pages.urls")),
    path("healthz", healthz, name="healthz"),
    path("account/", include("hub.accounts.urls")),
    path("organisations/", include("hub.organisations.urls")),
    path("cases/", include("hub.cases.urls")),
    path("events/", include("hub.events.urls")),
    path("champions/", include("hub.champions.urls")),
    path("academies/", include("hub.academies.urls")),
    path("self-assessment/", include("hub.assessment.urls")),
    path("peer-challenge/", include("hub.peer_challenge.urls")),
    path("market/", include("hub.market.urls")),
    path("programme/", include("hub.programme.urls")),
    path("privacy/", include("hub.privacy.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler400 = "hub.core.views.errors.bad_request"
handler403 = "hub.core.views.errors.permission_denied"
handler404 = "hub.core.views.errors.page_not_found"
handler500 = "hub.core.views.errors.server_error"
