"""URL patterns of the matching pages (see hub/champions/urls.py)."""

from django.urls import path

from hub.champions.views import matching

urlpatterns = [
    path("match/", matching.match, name="match"),
    path("match/dismiss/<int:pk>/", matching.dismiss, name="dismiss"),
    path("match/batch/", matching.batch, name="batch"),
    path("match/batch/export.csv", matching.batch_export, name="batch_export"),
]
