from django.urls import path

from hub.cases.views import contribute, engagement, finding, moderation

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
    path("contribute/", contribute.contribute_start, name="contribute"),
    path("contribute/new/", contribute.contribute_new, name="contribute-new"),
    path("<slug:slug>/edit/check/", contribute.contribute_check, name="contribute-check"),
    path(
        "<slug:slug>/edit/submitted/",
        contribute.contribute_submitted,
        name="contribute-submitted",
    ),
    path(
        "<slug:slug>/edit/benefits/<int:pk>/remove/",
        contribute.contribute_benefit_remove,
        name="contribute-benefit-remove",
    ),
    path(
        "<slug:slug>/edit/attachments/<int:pk>/remove/",
        contribute.contribute_attachment_remove,
        name="contribute-attachment-remove",
    ),
    path("<slug:slug>/edit/<slug:step>/", contribute.contribute_step, name="contribute-step"),
    path(
        "<slug:slug>/attachments/<int:pk>/",
        contribute.attachment_download,
        name="attachment",
    ),
    # Moderation (views/moderation.py)
    path("moderation/", moderation.moderation_queue, name="moderation"),
    path("<slug:slug>/review/", moderation.resource_review, name="review"),
    path(
        "<slug:slug>/benefits/<int:pk>/evidence/",
        moderation.benefit_evidence,
        name="benefit-evidence",
    ),
    path("<slug:slug>/", finding.case_detail, name="detail"),
    path("<slug:slug>/reuse/", engagement.record_adoption, name="adopt"),
    path("<slug:slug>/ask/", engagement.ask_question, name="ask"),
]
