from django.urls import path

from hub.academies.views import surveys

urlpatterns = [
    path("cohorts/<slug:slug>/survey/<str:stage>", surveys.answer_survey, name="survey"),
    path("cohorts/<slug:slug>/survey/<str:stage>/done", surveys.survey_done, name="survey-done"),
    path("cohorts/<slug:slug>/impact", surveys.impact, name="impact"),
    path("cohorts/<slug:slug>/impact.csv", surveys.impact_csv, name="impact-csv"),
]
