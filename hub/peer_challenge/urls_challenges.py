from django.urls import path

from hub.peer_challenge.views import challenges

urlpatterns = [
    path("", challenges.challenge_list, name="list"),
    path("new", challenges.challenge_create, name="create"),
    path("<slug:slug>/", challenges.challenge_detail, name="detail"),
    path("<slug:slug>/edit", challenges.challenge_edit, name="edit"),
    path("<slug:slug>/status", challenges.status_advance, name="status"),
    path("<slug:slug>/team", challenges.team, name="team"),
    path("<slug:slug>/team/peers/<int:pk>/remove", challenges.peer_remove, name="peer-remove"),
    path("<slug:slug>/team/leads/<int:pk>/remove", challenges.lead_remove, name="lead-remove"),
    path("<slug:slug>/scoping", challenges.scoping, name="scoping"),
    path("<slug:slug>/position-statement", challenges.position_statement, name="position"),
]
