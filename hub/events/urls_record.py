"""URL patterns of the Chatham House record pages (see hub/events/urls.py)."""

from django.urls import path

from hub.events.views import record

urlpatterns: list = [
    path("<slug:slug>/record/", record.record_page, name="record"),
    path("<slug:slug>/record/edit/", record.record_edit, name="record_edit"),
    path("<slug:slug>/record/share/", record.record_share, name="record_share"),
]
