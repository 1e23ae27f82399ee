from django.urls import path

from hub.academies.views import sessions

urlpatterns = [
    path("cohorts/<slug:slug>/sessions/<int:number>/", sessions.session_detail, name="session"),
    path(
        "cohorts/<slug:slug>/sessions/<int:number>/attendance",
        sessions.take_attendance,
        name="take-attendance",
    ),
    path("cohorts/<slug:slug>/sessions/<int:number>/check-in", sessions.check_in, name="check-in"),
    path(
        "cohorts/<slug:slug>/sessions/<int:number>/new-code",
        sessions.new_code,
        name="session-new-code",
    ),
    path("cohorts/<slug:slug>/attendance", sessions.cohort_attendance, name="cohort-attendance"),
    path(
        "cohorts/<slug:slug>/attendance.csv",
        sessions.cohort_attendance_csv,
        name="cohort-attendance-csv",
    ),
    path(
        "cohorts/<slug:slug>/participants/<int:enrolment_id>/attendance",
        sessions.person_attendance,
        name="person-attendance",
    ),
]
