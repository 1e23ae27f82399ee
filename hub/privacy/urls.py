from django.urls import path

from hub.privacy import views

app_name = "privacy"

urlpatterns = [
    path("your-data.json", views.download, name="download"),
    path("erasure/", views.erasure_reason, name="erasure-reason"),
    path("erasure/confirm/", views.erasure_confirm, name="erasure-confirm"),
    path("erasure/requested/", views.erasure_requested, name="erasure-requested"),
    path("erasure-requests/", views.erasure_queue, name="erasure-queue"),
    path("erasure-requests/<int:pk>/", views.erasure_request, name="erasure-request"),
    path("erasure-requests/<int:pk>/carry-out/", views.erasure_carry_out, name="erasure-carry-out"),
    path("erasure-requests/<int:pk>/refuse/", views.erasure_refuse, name="erasure-refuse"),
    path("changes/", views.changes, name="changes"),
    path("changes.csv", views.changes_csv, name="changes-csv"),
    path("history/<slug:record_type>/<int:pk>/", views.history, name="history"),
]
