"""URL patterns of the profiles pages (see hub/champions/urls.py)."""

urlpatterns: list = []
