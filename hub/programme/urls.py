"""/programme/: programme staff only. Each area keeps its own patterns module (and views)."""

from hub.programme import urls_outputs, urls_reports, urls_takeup

app_name = "programme"

urlpatterns = [
    *urls_takeup.urlpatterns,
    *urls_outputs.urlpatterns,
    *urls_reports.urlpatterns,
]
