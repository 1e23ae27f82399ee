"""The champions' directory: approved champions, searched through the one search service and
filtered by expertise, region, council kind and capacity."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from hub.champions import selectors
from hub.core.pagination import paginate

PER_PAGE = 20


@require_GET
def directory(request):
    query = selectors.parse_directory_query(request.GET)
    found = selectors.champion_directory(query)
    pagination = paginate(request, found.champions, per_page=PER_PAGE)
    return render(
        request,
        "champions/directory.html",
        {
            "query": query,
            "pagination": pagination,
            "cards": [
                (profile, selectors.capacity_left(profile)) for profile in pagination.object_list
            ],
            "suggestion": found.search_result.suggestion if found.search_result else "",
            "options": selectors.filter_options(),
            "can_nominate": request.user.has_perm("champions.nominate"),
            "can_decide": request.user.has_perm("champions.decide_nomination"),
        },
    )
