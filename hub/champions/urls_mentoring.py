"""URL patterns of the mentoring pages and the network's activity (see hub/champions/urls.py)."""

from django.urls import path

from hub.champions.views import activity, mentoring

urlpatterns: list = [
    path("mentoring/", mentoring.mentoring_list, name="mentoring_list"),
    path("mentoring/<int:pk>/", mentoring.mentoring_detail, name="mentoring"),
    path("mentoring/<int:pk>/answer/", mentoring.answer, name="answer"),
    path("mentoring/<int:pk>/withdraw/", mentoring.withdraw, name="withdraw"),
    path("mentoring/<int:pk>/meetings/new/", mentoring.log_meeting, name="log_meeting"),
    path("mentoring/<int:pk>/close/", mentoring.close, name="close"),
    path("activity/", activity.activity_page, name="activity"),
    path("activity.csv", activity.activity_csv, name="activity_csv"),
    path("<slug:slug>/request/", mentoring.request_problem, name="request"),
    path(
        "<slug:slug>/request/preferences/",
        mentoring.request_preferences,
        name="request_preferences",
    ),
    path("<slug:slug>/request/check/", mentoring.request_check, name="request_check"),
]
