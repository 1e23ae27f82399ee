"""/peer-challenge/: each area keeps its own patterns module (and views module)."""

from hub.peer_challenge import urls_challenges, urls_findings, urls_followup, urls_framework

app_name = "peer_challenge"

urlpatterns = [
    *urls_framework.urlpatterns,
    *urls_followup.urlpatterns,
    *urls_challenges.urlpatterns,
    *urls_findings.urlpatterns,
]
