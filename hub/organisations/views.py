from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.organisations.forms import CouncilFilterForm, PersonProfileForm
from hub.organisations.models import Organisation, Person, Place
from hub.organisations.selectors import (
    council_list,
    organisation_detail,
    organisation_related,
    place_detail,
    place_list,
)
from hub.organisations.services import person_save_profile

COUNCIL_CSV_COLUMNS = [
    ("name", lambda o: o.name),
    ("short_name", lambda o: o.short_name),
    ("gss_code", lambda o: o.gss_code),
    ("register_code", lambda o: o.register_code),
    ("kind", lambda o: o.get_kind_display()),
    ("region", lambda o: o.region),
    ("nation", lambda o: o.nation),
    ("current", lambda o: "yes" if o.is_current else "no"),
    ("parent", lambda o: o.parent.name if o.parent else ""),
    ("population_2020", lambda o: o.population),
]


@require_GET
def council_index(request):
    form = CouncilFilterForm(request.GET or None)
    councils = council_list(**form.filters())
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="councils.csv", columns=COUNCIL_CSV_COLUMNS, rows=councils.iterator()
        )
    pagination = paginate(request, councils)
    csv_query = request.GET.copy()
    csv_query.pop("page", None)
    csv_query["format"] = "csv"
    return render(
        request,
        "organisations/council_list.html",
        {"form": form, "pagination": pagination, "csv_href": "?" + csv_query.urlencode()},
    )


@require_GET
def organisation_page(request, slug: str):
    try:
        organisation = organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No organisation has this address") from None
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, **organisation_related(organisation=organisation)},
    )


@require_GET
def place_index(request):
    return render(
        request, "organisations/place_list.html", {"pagination": paginate(request, place_list())}
    )


@require_GET
def place_page(request, slug: str):
    try:
        place = place_detail(slug=slug)
    except Place.DoesNotExist:
        raise Http404("No place has this address") from None
    return render(request, "organisations/place_detail.html", {"place": place})


@permission_required("organisations.edit_own_profile")
@require_http_methods(["GET", "POST"])
def your_profile(request):
    person = Person.objects.filter(user=request.user).first()
    form = PersonProfileForm(request.POST if request.method == "POST" else None, instance=person)
    if request.method == "POST" and form.is_valid():
        person_save_profile(user=request.user, **form.cleaned_data)
        messages.success(request, "Your details have been saved")
        return redirect("accounts:account")
    return render(request, "organisations/your_profile.html", {"form": form})
