"""URL patterns of the directory pages (see hub/champions/urls.py)."""

urlpatterns: list = []
