"""Reading the academies' catalogue: learning outcomes, modules and councillor briefings.

Unpublished modules and briefings are seen by programme staff alone (they prepare them); to
everyone else they do not exist. Linked good-practice cases are shown only once published.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hub.academies.models import Briefing, Module, Session
from hub.accounts.rules import is_programme_staff
from hub.cases.selectors import published_resources


def _for(user, queryset: QuerySet) -> QuerySet:
    return queryset if is_programme_staff(user) else queryset.filter(is_published=True)


def visible_modules(user, *, academy: str = "") -> QuerySet[Module]:
    modules = _for(user, Module.objects.all()).prefetch_related("outcomes")
    return modules.filter(academy=academy) if academy else modules


def visible_briefings(user) -> QuerySet[Briefing]:
    return _for(user, Briefing.objects.all())


def _published_cases():
    return Prefetch("cases", queryset=published_resources().order_by("title"))


def module_detail(user, slug: str) -> Module:
    module = (
        visible_modules(user)
        .prefetch_related(
            _published_cases(),
            Prefetch("briefings", queryset=visible_briefings(user)),
        )
        .filter(slug=slug)
        .first()
    )
    if module is None:
        raise Http404("No module has this address")
    return module


def module_sessions(module: Module, cohorts) -> QuerySet[Session]:
    """Sessions of the given (visible) cohorts that use the module."""
    return (
        module.sessions.filter(cohort__in=cohorts)
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )


def briefing_detail(user, slug: str) -> Briefing:
    briefing = (
        visible_briefings(user)
        .prefetch_related(_published_cases(), Prefetch("modules", queryset=visible_modules(user)))
        .filter(slug=slug)
        .first()
    )
    if briefing is None:
        raise Http404("No briefing has this address")
    return briefing
