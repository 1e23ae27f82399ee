"""URL patterns of the feedback pages (see hub/events/urls.py)."""

urlpatterns: list = []
