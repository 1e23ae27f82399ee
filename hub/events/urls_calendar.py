"""URL patterns of the calendar pages (see hub/events/urls.py)."""

from django.urls import path

from hub.events.views import calendar

urlpatterns: list = [
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", calendar.personal_feed, name="feed"),
    path("<slug:slug>/event.ics", calendar.event_calendar_file, name="ics"),
]
