from django.urls import path

from hub.academies.views import cohorts

urlpatterns = [
    path("cohorts/", cohorts.cohort_list, name="cohorts"),
    path("cohorts/new", cohorts.cohort_create, name="cohort-create"),
    path("mine", cohorts.my_academies, name="mine"),
    path("sponsor/<str:token>", cohorts.sponsor_decision, name="sponsor"),
    path("cohorts/<slug:slug>/", cohorts.cohort_detail, name="cohort"),
    path("cohorts/<slug:slug>/edit", cohorts.cohort_edit, name="cohort-edit"),
    path("cohorts/<slug:slug>/status", cohorts.cohort_status, name="cohort-status"),
    path("cohorts/<slug:slug>/withdraw", cohorts.withdraw, name="withdraw"),
    path("cohorts/<slug:slug>/schedule", cohorts.cohort_schedule, name="cohort-schedule"),
    path("cohorts/<slug:slug>/participants", cohorts.participants, name="participants"),
    path("cohorts/<slug:slug>/participants/add", cohorts.add_participant, name="participant-add"),
    path("cohorts/<slug:slug>/apply", cohorts.apply, name="apply"),
]
