from django.urls import path

from hub.academies.views import catalogue

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("modules/", catalogue.module_list, name="modules"),
    path("modules/<slug:slug>/", catalogue.module_detail, name="module"),
    path("briefings/", catalogue.briefing_list, name="briefings"),
    path("briefings/<slug:slug>/", catalogue.briefing_detail, name="briefing"),
    path("briefings/<slug:slug>/pdf", catalogue.briefing_pdf, name="briefing-pdf"),
]
