"""URL patterns of the directory pages (see hub/champions/urls.py)."""

from django.urls import path

from hub.champions.views import directory, profiles

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("<slug:slug>/", profiles.champion_detail, name="detail"),
]
