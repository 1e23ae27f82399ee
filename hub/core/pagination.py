"""Page a queryset for a GOV.UK pagination component, keeping the other query parameters."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

DEFAULT_PER_PAGE = 25


@dataclass(frozen=True)
class PaginatedList:
    page: Page
    items: list[dict]
    previous_href: str | None
    next_href: str | None

    @property
    def object_list(self):
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count


def _href(query: QueryDict, number: int) -> str:
    query = query.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()


def paginate(request: HttpRequest, queryset, *, per_page: int = DEFAULT_PER_PAGE) -> PaginatedList:
    """A page of `queryset` for the `page` query parameter; out-of-range pages show the last."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET
    items: list[dict] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "href": _href(query, number), "current": number == page.number}
            )
    return PaginatedList(
        page=page,
        items=items if paginator.num_pages > 1 else [],
        previous_href=_href(query, page.previous_page_number()) if page.has_previous() else None,
        next_href=_href(query, page.next_page_number()) if page.has_next() else None,
    )
