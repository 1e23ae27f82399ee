"""/self-assessment/: each area keeps its own patterns module (and views module)."""

from hub.assessment import urls_assessments, urls_framework, urls_places, urls_plans

app_name = "assessment"

urlpatterns = [
    *urls_framework.urlpatterns,
    *urls_plans.urlpatterns,
    *urls_places.urlpatterns,
    *urls_assessments.urlpatterns,
]
