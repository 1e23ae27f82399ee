from django.urls import path

from hub.peer_challenge.views import followup

urlpatterns = [
    path("deadlines/", followup.deadlines, name="deadlines"),
    path("deadlines.csv", followup.deadlines_csv, name="deadlines-csv"),
    path("learning/", followup.sector_learning, name="learning"),
    path("learning.csv", followup.sector_learning_csv, name="learning-csv"),
    path("<slug:slug>/action-plan", followup.action_plan, name="action-plan"),
    path(
        "<slug:slug>/action-plan/publish", followup.action_plan_publish, name="action-plan-publish"
    ),
    path("<slug:slug>/action-plan/actions/new", followup.action_edit, name="action-add"),
    path("<slug:slug>/action-plan/actions/<int:pk>/", followup.action_edit, name="action-edit"),
    path(
        "<slug:slug>/action-plan/actions/<int:pk>/remove",
        followup.action_remove,
        name="action-remove",
    ),
    path("<slug:slug>/progress-review", followup.progress_review, name="progress-review"),
    path(
        "<slug:slug>/progress-review/record",
        followup.progress_review_record,
        name="progress-review-record",
    ),
]
