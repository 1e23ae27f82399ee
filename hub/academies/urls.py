"""/academies/: each area keeps its own patterns module (and views module)."""

from hub.academies import (
    urls_catalogue,
    urls_cohorts,
    urls_completion,
    urls_plans,
    urls_sessions,
    urls_surveys,
)

app_name = "academies"

urlpatterns = [
    *urls_catalogue.urlpatterns,
    *urls_cohorts.urlpatterns,
    *urls_sessions.urlpatterns,
    *urls_plans.urlpatterns,
    *urls_surveys.urlpatterns,
    *urls_completion.urlpatterns,
]
