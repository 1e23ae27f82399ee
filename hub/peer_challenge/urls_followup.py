from django.urls import path

from hub.peer_challenge.views import followup

urlpatterns = [
    path("deadlines/", followup.deadlines, name="deadlines"),
    path("learning/", followup.sector_learning, name="learning"),
    path("learning.csv", followup.sector_learning_csv, name="learning-csv"),
    path("<slug:slug>/action-plan", followup.action_plan, name="action-plan"),
    path("<slug:slug>/progress-review", followup.progress_review, name="progress-review"),
]
