from django.urls import path

from hub.programme.views import reports

urlpatterns = [
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:year>-q<int:quarter>.pdf", reports.quarterly_pdf, name="quarterly-pdf"),
]
