"""URL patterns of the profiles pages (see hub/champions/urls.py)."""

from django.urls import path

from hub.champions.views import profiles

urlpatterns = [
    path("nominate/", profiles.nominate, name="nominate"),
    path("nominations/", profiles.nomination_list, name="nominations"),
    path("nominations/<int:pk>/decide/", profiles.decide, name="decide"),
    path("<slug:slug>/edit/", profiles.edit, name="edit"),
]
