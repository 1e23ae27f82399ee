"""URL patterns of the manage pages (see hub/events/urls.py)."""

urlpatterns: list = []
