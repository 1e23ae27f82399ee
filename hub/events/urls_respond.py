"""URL patterns of the respond pages (see hub/events/urls.py)."""

from django.urls import path

from hub.events.views import respond

urlpatterns = [
    path("respond/<str:token>/", respond.respond, name="respond"),
    path("respond/<str:token>/done/", respond.respond_done, name="respond_done"),
]
