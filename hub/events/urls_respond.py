"""URL patterns of the respond pages (see hub/events/urls.py)."""

urlpatterns: list = []
