from django.urls import path

from hub.academies.views import plans

urlpatterns = [
    path("cohorts/<slug:slug>/plan", plans.my_plan, name="plan"),
    path("cohorts/<slug:slug>/plan/edit", plans.edit_plan, name="plan-edit"),
    path("cohorts/<slug:slug>/plan/submit", plans.submit_plan, name="plan-submit"),
    path("cohorts/<slug:slug>/plan/actions/new", plans.action_edit, name="plan-action-add"),
    path(
        "cohorts/<slug:slug>/plan/actions/<int:action_id>/edit",
        plans.action_edit,
        name="plan-action-edit",
    ),
    path(
        "cohorts/<slug:slug>/plan/actions/<int:action_id>/remove",
        plans.action_remove,
        name="plan-action-remove",
    ),
    path("cohorts/<slug:slug>/plan/updates/<str:milestone>", plans.plan_update, name="plan-update"),
    path(
        "cohorts/<slug:slug>/participants/<int:enrolment_id>/plan",
        plans.participant_plan,
        name="participant-plan",
    ),
    path("progress/", plans.programme_progress, name="progress"),
    path("progress.csv", plans.programme_progress_csv, name="progress-csv"),
]
