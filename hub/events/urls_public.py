"""URL patterns of the public pages (see hub/events/urls.py)."""

from django.urls import path

from hub.events.views import public

urlpatterns = [
    path("", public.event_list, name="list"),
    path("series/<slug:slug>/", public.series_detail, name="series"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/attendees/", public.attendee_list, name="attendees"),
    path("<slug:slug>/sign-up/", public.sign_up, name="sign_up"),
    path("<slug:slug>/withdraw/", public.withdraw, name="withdraw"),
]
