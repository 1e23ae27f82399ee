from django.urls import path

from hub.assessment.views import places

urlpatterns = [
    path("places/", places.place_list, name="places"),
    path("places/<slug:slug>/", places.place_space, name="place"),
    path("places/<slug:slug>/board", places.board, name="board"),
    path("places/<slug:slug>/leads", places.leads, name="place-leads"),
    path(
        "places/<slug:slug>/assessments/new",
        places.place_assessment_start,
        name="place-assessment-start",
    ),
    path(
        "places/<slug:slug>/assessments/<int:pk>/",
        places.place_assessment,
        name="place-assessment",
    ),
]
