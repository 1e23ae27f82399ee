from django.urls import path

from hub.assessment.views import assessments

urlpatterns = [
    path("", assessments.home, name="home"),
    path("new", assessments.start, name="start"),
    path("<int:pk>/", assessments.detail, name="detail"),
    path("<int:pk>/team", assessments.team, name="team"),
    path("<int:pk>/team/<int:member>/remove", assessments.team_remove, name="team-remove"),
    path("<int:pk>/answer/", assessments.answer_start, name="answer-start"),
    path("<int:pk>/answer/check", assessments.answer_check, name="answer-check"),
    path("<int:pk>/answer/<slug:code>", assessments.answer, name="answer"),
    path("<int:pk>/results", assessments.results, name="results"),
    path("<int:pk>/close", assessments.close, name="close"),
]
