from django.urls import path

from hub.peer_challenge.views import framework

urlpatterns = [
    path("framework/", framework.current_framework, name="framework"),
    path("framework/versions/", framework.version_list, name="framework-versions"),
    path("framework/versions/new", framework.version_new, name="framework-version-new"),
    path("framework/versions/<int:version>/", framework.version_detail, name="framework-version"),
    path(
        "framework/versions/<int:version>/publish",
        framework.version_publish,
        name="framework-version-publish",
    ),
]
