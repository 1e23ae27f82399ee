from django.urls import path

from hub.academies.views import plans

urlpatterns = [
    path("cohorts/<slug:slug>/plan", plans.my_plan, name="plan"),
    path("cohorts/<slug:slug>/plan/edit", plans.edit_plan, name="plan-edit"),
    path("cohorts/<slug:slug>/plan/updates/<str:milestone>", plans.plan_update, name="plan-update"),
    path(
        "cohorts/<slug:slug>/participants/<int:enrolment_id>/plan",
        plans.participant_plan,
        name="participant-plan",
    ),
    path("progress/", plans.programme_progress, name="progress"),
    path("progress.csv", plans.programme_progress_csv, name="progress-csv"),
]
