"""/champions/: each area of the champions' pages keeps its own patterns module."""

from hub.champions import urls_directory, urls_matching, urls_mentoring, urls_profiles

app_name = "champions"

# Fixed paths before the "<slug>/" ones of the directory.
urlpatterns = [
    *urls_mentoring.urlpatterns,
    *urls_matching.urlpatterns,
    *urls_profiles.urlpatterns,
    *urls_directory.urlpatterns,
]
