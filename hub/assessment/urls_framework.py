from django.urls import path

from hub.assessment.views import framework

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
        "framework/versions/<int:version>/capabilities/<slug:code>",
        framework.capability_edit,
        name="framework-capability",
    ),
    path(
        "framework/versions/<int:version>/capabilities/<slug:code>/questions/new",
        framework.question_new,
        name="framework-question-new",
    ),
    path(
        "framework/versions/<int:version>/questions/<int:question>",
        framework.question_edit,
        name="framework-question",
    ),
    path(
        "framework/versions/<int:version>/questions/<int:question>/remove",
        framework.question_remove,
        name="framework-question-remove",
    ),
    path(
        "framework/versions/<int:version>/publish",
        framework.version_publish,
        name="framework-version-publish",
    ),
]
