"""URL patterns of the matching pages (see hub/champions/urls.py)."""

urlpatterns: list = []
