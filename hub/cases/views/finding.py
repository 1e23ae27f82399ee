"""Finding good practice: the list with search and facets, its feed and CSV export, a record's
page, and comparing records side by side."""

import json
from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from hub.cases.filters import Sort, parse_case_query
from hub.cases.models import LICENCE_URLS, Resource
from hub.cases.selectors import (
    case_search,
    page_match_hints,
    page_snippets,
    resource_cards,
    resource_detail,
    resources_to_compare,
    similar_resources,
)
from hub.cases.structured_data import resource_json_ld
from hub.core.csv_export import csv_response
from hub.core.pagination import paginate

PER_PAGE = 20
FEED_SIZE = 50


@require_GET
def case_list(request):
    query = parse_case_query(request.GET)
    found = case_search(query)
    pagination = paginate(request, found.ordered, per_page=PER_PAGE)
    cards = resource_cards(pagination.object_list)
    snippets = page_snippets(found.search_result, [card.pk for card in cards])
    hints = page_match_hints(found.search_result, [card.pk for card in cards])
    query_string = query.to_query_string()
    suggestion = found.search_result.suggestion if found.search_result else ""
    return render(
        request,
        "cases/list.html",
        {
            "query": query,
            "found": found,
            "pagination": pagination,
            "cards": [(card, snippets.get(card.pk), hints.get(card.pk, [])) for card in cards],
            "suggestion": suggestion,
            # The same filters, the corrected words, sorted by relevance.
            "suggestion_href": "?" + replace(query, q=suggestion, sort="").to_query_string()
            if suggestion
            else "",
            "sort_choices": [c for c in Sort.CHOICES if c[0] != Sort.RELEVANCE or query.q],
            "selected_filters": _selected_filters(found),
            "feed_href": reverse("cases:feed") + (f"?{query_string}" if query_string else ""),
            "csv_href": reverse("cases:export") + (f"?{query_string}" if query_string else ""),
            "query_string": query_string,
        },
    )


def _selected_filters(found) -> list[dict]:
    """Each chosen filter value, with the link that takes it off (GOV.UK filter tags)."""
    selected = []
    for facet in found.facets:
        for option in facet.options:
            if option.selected:
                value = option.value if facet.name != "verified_savings" else None
                if value is not None and facet.name in {"service_area", "evidence", "year"}:
                    value = int(value)
                remaining = found.query.without(facet.name, value).to_query_string()
                selected.append(
                    {"facet": facet.label, "label": option.label, "href": "?" + remaining}
                )
    return selected


CSV_COLUMNS = [
    ("title", lambda r: r.title),
    ("type", lambda r: r.get_kind_display()),
    ("url", lambda r: r.get_absolute_url()),
    ("summary", lambda r: r.summary),
    ("lead_organisation", lambda r: r.lead_organisation.name if r.lead_organisation else ""),
    ("lead_organisation_gss_code", lambda r: getattr(r.lead_organisation, "gss_code", "")),
    ("sector", lambda r: r.get_sector_display()),
    ("stage", lambda r: r.get_stage_display()),
    ("start_date", lambda r: r.start_date),
    ("end_date", lambda r: r.end_date),
    ("investment_pounds", lambda r: r.investment_pounds),
    ("evidence_level", lambda r: r.get_evidence_level_display() if r.evidence_level else ""),
    ("verified_saving_pounds_a_year", lambda r: f"{r.verified_saving:.2f}"),
    ("adoptions", lambda r: r.adoption_count),
    ("licence", lambda r: r.get_licence_display()),
    ("published_at", lambda r: r.published_at.isoformat() if r.published_at else ""),
]


@require_GET
def case_export(request):
    found = case_search(parse_case_query(request.GET), with_facets=False)
    records = resource_cards(found.ordered_ids())
    return csv_response(filename="good-practice.csv", columns=CSV_COLUMNS, rows=records)


class CaseFeed(Feed):
    """An Atom feed of the newest published records matching the list's query string."""

    feed_type = Atom1Feed
    title = "Digital Leadership Hub: good practice"
    subtitle = "New case studies, reports, toolkits and guidance"

    def get_object(self, request):
        return parse_case_query(request.GET)

    def link(self, query):
        query_string = query.to_query_string()
        return reverse("cases:list") + (f"?{query_string}" if query_string else "")

    def items(self, query):
        return resource_cards(case_search(query, with_facets=False).ordered_ids(FEED_SIZE))

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        return item.summary

    def item_pubdate(self, item: Resource):
        return item.published_at

    def item_updateddate(self, item: Resource):
        return item.updated_at

    def item_author_name(self, item: Resource):
        return item.lead_organisation.name if item.lead_organisation else None

    def item_categories(self, item: Resource):
        return [theme.name for theme in item.themes.all()]


def _visible_resource(request, slug: str) -> Resource:
    try:
        resource = resource_detail(slug=slug)
    except Resource.DoesNotExist:
        raise Http404("No good practice record has this address") from None
    # Unpublished records answer 404, not 403, so their existence is not revealed.
    if not request.user.has_perm("cases.view_resource", resource):
        raise Http404("No good practice record has this address")
    return resource


@require_GET
def case_detail(request, slug: str):
    resource = _visible_resource(request, slug)
    benefits = list(resource.benefits.all())
    return render(
        request,
        "cases/detail.html",
        {
            "resource": resource,
            "benefits_by_status": _benefits_by_status(benefits),
            "similar": similar_resources(resource=resource) if resource.is_published else [],
            "json_ld": _script_safe_json(resource_json_ld(resource, request))
            if resource.is_published
            else None,
            "licence_url": LICENCE_URLS.get(resource.licence),
            "can_change": request.user.has_perm("cases.change_resource", resource),
            "can_moderate": request.user.has_perm("cases.moderate"),
            "can_adopt": request.user.has_perm("cases.record_adoption", resource),
            "can_ask": request.user.has_perm("cases.ask_question", resource),
        },
    )


def _script_safe_json(data: dict) -> str:
    # Inside <script>, "</script>" or "<!--" in a title must not end the block.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


BENEFIT_GROUPS = (
    ("verified", "Verified"),
    ("claimed", "Claimed, not yet verified"),
    ("disputed", "Disputed"),
)


def _benefits_by_status(benefits) -> list[tuple[str, list]]:
    """Verified, claimed and disputed benefits, shown and totalled apart: never mixed."""
    groups = []
    for status, heading in BENEFIT_GROUPS:
        rows = [benefit for benefit in benefits if benefit.evidence_status == status]
        if rows:
            groups.append((heading, rows))
    return groups


@require_GET
def case_compare(request):
    slugs = [slug for slug in request.GET.getlist("case") if slug][:3]
    resources = resources_to_compare(slugs=slugs)
    too_many = len(request.GET.getlist("case")) > 3
    return render(request, "cases/compare.html", {"resources": resources, "too_many": too_many})
