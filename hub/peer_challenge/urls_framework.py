from django.urls import path

from hub.peer_challenge.views import framework

urlpatterns = [
    path("framework/", framework.current_framework, name="framework"),
    path("framework/versions/", framework.version_list, name="framework-versions"),
    path("framework/versions/new", framework.version_new, name="framework-version-new"),
    path("framework/versions/<int:version>/", framework.version_detail, name="framework-version"),
    path(
        "framework/versions/<int:version>/details",
        framework.version_details,
        name="framework-version-details",
    ),
    path(
        "framework/versions/<int:version>/elements/<slug:code>",
        framework.element_edit,
        name="framework-element",
    ),
    path(
        "framework/versions/<int:version>/elements/<slug:code>/lines/new",
        framework.line_new,
        name="framework-line-new",
    ),
    path(
        "framework/versions/<int:version>/lines/<int:line>",
        framework.line_edit,
        name="framework-line",
    ),
    path(
        "framework/versions/<int:version>/lines/<int:line>/remove",
        framework.line_remove,
        name="framework-line-remove",
    ),
    path(
        "framework/versions/<int:version>/publish",
        framework.version_publish,
        name="framework-version-publish",
    ),
]
