from django.urls import path

from hub.programme.views import outputs

urlpatterns = [
    path("benefits/", outputs.benefits, name="benefits"),
    path("benefits.csv", outputs.benefits_csv, name="benefits-csv"),
    path("exemplars/", outputs.exemplars, name="exemplars"),
    path("exemplars.csv", outputs.exemplars_csv, name="exemplars-csv"),
    path("exemplars/<slug:slug>/", outputs.exemplar, name="exemplar"),
    # Outside exemplars/, where a case's address could take the name.
    path("to-promote/", outputs.candidates, name="candidates"),
    path("to-promote.csv", outputs.candidates_csv, name="candidates-csv"),
    path("outputs/", outputs.programme_outputs, name="outputs"),
    path("outputs.csv", outputs.programme_outputs_csv, name="outputs-csv"),
]
