from django.urls import path

from hub.programme.views import takeup

urlpatterns = [
    path("", takeup.dashboard, name="dashboard"),
    path("take-up/", takeup.take_up, name="take-up"),
    path("take-up.csv", takeup.take_up_csv, name="take-up-csv"),
    path("take-up/places/", takeup.places_take_up, name="take-up-places"),
    path("take-up/places.csv", takeup.places_take_up_csv, name="take-up-places-csv"),
    path("take-up/not-engaged/", takeup.not_engaged, name="not-engaged"),
    path("take-up/not-engaged.csv", takeup.not_engaged_csv, name="not-engaged-csv"),
]
