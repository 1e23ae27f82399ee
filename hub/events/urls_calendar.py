"""URL patterns of the calendar pages (see hub/events/urls.py)."""

urlpatterns: list = []
