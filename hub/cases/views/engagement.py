"""What members do on a record's page (record reuse, ask the team) and saved searches."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.cases.filters import parse_case_query
from hub.cases.forms import AdoptionForm, QuestionForm, SavedSearchForm
from hub.cases.models import Resource, SavedSearch
from hub.cases.services import adoption_record, question_send, saved_search_create
from hub.cases.views.access import resource_permission_required
from hub.core.pagination import paginate
from hub.core.permissions import permission_required


@resource_permission_required("cases.record_adoption")
@require_http_methods(["GET", "POST"])
def record_adoption(request, resource: Resource):
    form = AdoptionForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            adoption_record(resource=resource, by=request.user, **form.cleaned_data)
        except ValueError as error:
            form.add_error("organisation", str(error))
        else:
            messages.success(request, f"Recorded: {form.cleaned_data['organisation']} reused this")
            return redirect(resource)
    return render(request, "cases/adopt.html", {"form": form, "resource": resource})


@resource_permission_required("cases.ask_question")
@require_http_methods(["GET", "POST"])
def ask_question(request, resource: Resource):
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        question_send(resource=resource, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Your question has been sent to the people behind this work")
        return redirect(resource)
    return render(request, "cases/ask.html", {"form": form, "resource": resource})


@permission_required("cases.save_search")
@require_http_methods(["GET", "POST"])
def saved_search_new(request):
    query = parse_case_query(request.GET)
    form = SavedSearchForm(
        request.POST if request.method == "POST" else None,
        initial={"name": query.q or "New good practice"},
    )
    if request.method == "POST" and form.is_valid():
        saved_search_create(
            user=request.user, query_string=query.to_query_string(), **form.cleaned_data
        )
        messages.success(request, "Your search has been saved. We will email you new matches")
        return redirect("cases:saved-searches")
    return render(request, "cases/saved_search_new.html", {"form": form, "query": query})


@permission_required("cases.save_search")
@require_GET
def saved_search_list(request):
    searches = SavedSearch.objects.filter(user=request.user)
    return render(request, "cases/saved_searches.html", {"pagination": paginate(request, searches)})


@permission_required("cases.save_search")
@require_POST
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"Deleted the saved search “{saved.name}”")
    return redirect("cases:saved-searches")
