"""Programme staff's import pages: the runs, a new import, a run's report, and the review
queue of uncertain matches."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.market.forms_imports import ImportForm, ReviewForm
from hub.market.importers.reviews import decide_review
from hub.market.importers.runs import KIND_OCDS, start_import
from hub.market.models import ImportRun, MatchReview, ReviewStatus


@permission_required("market.import")
def import_list(request):
    runs = ImportRun.objects.select_related("started_by").order_by("-created_at", "-pk")
    pagination = paginate(request, runs, per_page=25)
    return render(request, "market/imports/list.html", {"pagination": pagination})


@permission_required("market.import")
def import_new(request):
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload:
            run = start_import(
                user=request.user,
                kind=form.cleaned_data["kind"],
                content=form.cleaned_data["content"],
                name=upload.name,
            )
        else:
            run = start_import(user=request.user, kind=KIND_OCDS, url=form.cleaned_data["url"])
        messages.success(request, "The import has started.")
        return redirect("market:import", pk=run.pk)
    return render(request, "market/imports/new.html", {"form": form})


COUNT_LABELS = {
    "releases": "Releases or rows read",
    "contracts": "Contracts in the file",
    "contracts_created": "Contracts created",
    "contracts_updated": "Contracts updated",
    "contracts_unchanged": "Contracts unchanged",
    "awards_in_releases": "Awards in the releases",
    "awards_created": "Awards created",
    "awards_updated": "Awards updated",
    "suppliers_created": "Suppliers created",
    "buyer_reviews": "Buyer matches queued for review",
    "supplier_reviews": "Supplier matches queued for review",
    "skipped": "Skipped",
}


@permission_required("market.import")
def import_detail(request, pk: int):
    run = get_object_or_404(ImportRun.objects.select_related("started_by"), pk=pk)
    counts = [(COUNT_LABELS.get(key, key), value) for key, value in run.counts.items()]
    return render(request, "market/imports/detail.html", {"run": run, "counts": counts})


@permission_required("market.review_matches")
def review_queue(request):
    reviews = MatchReview.objects.filter(status=ReviewStatus.PENDING).select_related(
        "contract", "organisation", "supplier", "candidate_supplier"
    )
    pagination = paginate(request, reviews, per_page=25)
    return render(request, "market/imports/reviews.html", {"pagination": pagination})


@permission_required("market.review_matches")
def review_decide(request, pk: int):
    review = get_object_or_404(
        MatchReview.objects.select_related(
            "contract", "organisation", "supplier", "candidate_supplier"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and review.status == ReviewStatus.PENDING and form.is_valid():
        decide_review(review, accept=form.cleaned_data["decision"] == "accept", user=request.user)
        messages.success(request, f"Your decision on {review.raw_name} has been saved.")
        return redirect("market:reviews")
    return render(request, "market/imports/review.html", {"review": review, "form": form})
