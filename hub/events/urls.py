"""/events/: each area of the events pages keeps its own patterns module."""

from hub.events import (
    urls_calendar,
    urls_feedback,
    urls_manage,
    urls_public,
    urls_record,
    urls_respond,
)

app_name = "events"

# Fixed paths before the "<slug>/" ones of the public pages.
urlpatterns = [
    *urls_respond.urlpatterns,
    *urls_calendar.urlpatterns,
    *urls_manage.urlpatterns,
    *urls_record.urlpatterns,
    *urls_feedback.urlpatterns,
    *urls_public.urlpatterns,
]
