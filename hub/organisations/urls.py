from django.urls import path

from hub.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.council_index, name="list"),
    path("places/", views.place_index, name="place-list"),
    path("places/<slug:slug>/", views.place_page, name="place-detail"),
    path("your-details/", views.your_profile, name="your-profile"),
    path("<slug:slug>/", views.organisation_page, name="detail"),
]
