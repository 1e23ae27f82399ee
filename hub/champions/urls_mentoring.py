"""URL patterns of the mentoring pages (see hub/champions/urls.py)."""

urlpatterns: list = []
