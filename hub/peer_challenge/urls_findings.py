from django.urls import path

from hub.peer_challenge.views import findings

urlpatterns = [
    path("<slug:slug>/enquiry/", findings.enquiry, name="enquiry"),
    path("<slug:slug>/enquiry/<slug:line>/", findings.line_of_enquiry, name="line"),
    path("<slug:slug>/findings/<int:pk>/", findings.finding_detail, name="finding"),
    path("<slug:slug>/findings/<int:pk>/edit", findings.finding_edit, name="finding-edit"),
    path("<slug:slug>/findings/<int:pk>/delete", findings.finding_delete, name="finding-delete"),
    path("<slug:slug>/findings/<int:pk>/signposts", findings.signposts, name="signposts"),
    path("<slug:slug>/report", findings.report, name="report"),
    path("<slug:slug>/report.pdf", findings.report_pdf, name="report-pdf"),
    path("<slug:slug>/publish", findings.publish, name="publish"),
]
