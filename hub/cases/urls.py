from django.urls import path

from hub.cases.views import engagement, finding

app_name = "cases"

urlpatterns = [
    path("", finding.case_list, name="list"),
    path("feed/", finding.CaseFeed(), name="feed"),
    path("export.csv", finding.case_export, name="export"),
    path("compare/", finding.case_compare, name="compare"),
    path("saved-searches/", engagement.saved_search_list, name="saved-searches"),
    path("saved-searches/new/", engagement.saved_search_new, name="saved-search-new"),
    path(
        "saved-searches/<int:pk>/delete/",
        engagement.saved_search_delete,
        name="saved-search-delete",
    ),
    # Contribution journey (views/contribute.py)
    # Moderation (views/moderation.py)
    path("<slug:slug>/", finding.case_detail, name="detail"),
    path("<slug:slug>/reuse/", engagement.record_adoption, name="adopt"),
    path("<slug:slug>/ask/", engagement.ask_question, name="ask"),
]
