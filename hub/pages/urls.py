from django.urls import path

from hub.pages.views import ContentPageView, HomeView, security_txt

app_name = "pages"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path(
        "accessibility-statement/",
        ContentPageView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path(
        "privacy-notice/",
        ContentPageView.as_view(template_name="pages/privacy.html"),
        name="privacy",
    ),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("cookies/", ContentPageView.as_view(template_name="pages/cookies.html"), name="cookies"),
]
