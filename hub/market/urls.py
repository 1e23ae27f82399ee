"""/market/: each area keeps its own patterns module (and views module)."""

from hub.market import urls_imports, urls_insight, urls_watches

app_name = "market"

urlpatterns = [
    *urls_imports.urlpatterns,
    *urls_watches.urlpatterns,
    *urls_insight.urlpatterns,
]
