from django.urls import path

from hub.academies.views import completion

urlpatterns = [
    path("cohorts/<slug:slug>/completion", completion.cohort_completion, name="completion"),
    path("cohorts/<slug:slug>/my-completion", completion.my_completion, name="my-completion"),
    path("cohorts/<slug:slug>/certificate.pdf", completion.my_certificate, name="certificate"),
    path(
        "cohorts/<slug:slug>/participants/<int:enrolment_id>/certificate.pdf",
        completion.participant_certificate,
        name="participant-certificate",
    ),
]
