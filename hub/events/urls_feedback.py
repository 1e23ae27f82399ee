"""URL patterns of the feedback pages (see hub/events/urls.py)."""

from django.urls import path

from hub.events.views import feedback

urlpatterns: list = [
    path("series/<slug:slug>/feedback/", feedback.series_feedback, name="series_feedback"),
    path("<slug:slug>/feedback/", feedback.feedback_form, name="feedback"),
    path("<slug:slug>/feedback/summary/", feedback.feedback_results, name="feedback_summary"),
]
