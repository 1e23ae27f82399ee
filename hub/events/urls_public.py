"""URL patterns of the public pages (see hub/events/urls.py)."""

urlpatterns: list = []
