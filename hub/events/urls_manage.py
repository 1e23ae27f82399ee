"""URL patterns of the manage pages (see hub/events/urls.py): the facilitator's side."""

from django.urls import path

from hub.events.views import manage

urlpatterns: list = [
    path("manage/", manage.manage_list, name="manage_list"),
    path("new/", manage.create, name="create"),
    path("series/new/", manage.series_create, name="series_create"),
    path("<slug:slug>/edit/", manage.edit, name="edit"),
    path("<slug:slug>/publish/", manage.publish, name="publish"),
    path("<slug:slug>/cancel/", manage.cancel, name="cancel"),
    path("<slug:slug>/invitations/", manage.invitations, name="invitations"),
    path("<slug:slug>/invitations/new/", manage.invite, name="invite"),
    path("<slug:slug>/invitations/upload/", manage.invite_from_csv, name="invite_csv"),
    path("<slug:slug>/invitations/<int:pk>/resend/", manage.resend, name="resend"),
    path("<slug:slug>/attendance/", manage.attendance, name="attendance"),
    path("<slug:slug>/attendees.csv", manage.attendees_csv, name="attendees_csv"),
]
