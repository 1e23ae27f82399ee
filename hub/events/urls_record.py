"""URL patterns of the record pages (see hub/events/urls.py)."""

urlpatterns: list = []
