"""The supplier market's public pages: open contracting data, no sign-in needed."""

import math

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from hub.core.charts import TableColumn, bar_chart
from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.market import selectors
from hub.market.flags import RULES, SHORT_TENDER_DAYS
from hub.market.forms_insight import ContractFilterForm, MarketSearchForm, SupplierSearchForm
from hub.market.models import Contract, Supplier
from hub.organisations.models import Organisation


def _pounds(value) -> str:
    return f"£{value:,.0f}"


def _axis(top: float) -> tuple[float, str, float, float]:
    """A unit that keeps tick labels short, and a round tick step (1, 2 or 5 × 10^n) giving
    at most five ticks: (unit, unit name, axis maximum in units, step in units)."""
    unit, name = (
        next(
            (u, n)
            for u, n in ((1e6, "£ millions"), (1e3, "£ thousands"), (1, "£"))
            if top >= u * 10
        )
        if top >= 10
        else (1, "£")
    )
    scaled = max(top / unit, 1)
    step = 10 ** math.floor(math.log10(scaled / 5))
    step = next(m * step for m in (1, 2, 5, 10) if scaled / (m * step) <= 5)
    return unit, name, step * math.ceil(scaled / step), step


def money_chart(*, chart_id, title, description, labels, values, series, heading, columns=()):
    """A bar chart of amounts in pounds, the axis in a readable unit, labelled in pounds."""
    if not labels:
        return None
    unit, unit_name, max_value, step = _axis(max(values))
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=f"{description} The axis is in {unit_name}.",
        categories=labels,
        series=[series],
        values=[[value / unit] for value in values],
        max_value=max_value,
        tick_step=step,
        value_format=lambda value: _pounds(round(value * unit)),
        category_heading=heading,
        extra_columns=list(columns),
    )


def _money_chart(*, chart_id, title, description, tallies, heading):
    return money_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        labels=[t.label for t in tallies],
        values=[float(t.value) for t in tallies],
        series="Total value",
        heading=heading,
        columns=[TableColumn("Contracts", [str(t.count) for t in tallies])],
    )


def _contract_columns():
    return [
        ("OCID", lambda c: c.ocid),
        ("Title", lambda c: c.title),
        ("Buyer", lambda c: c.buyer.name if c.buyer else c.buyer_name),
        ("Buyer as published", lambda c: c.buyer_name),
        (
            "Suppliers",
            lambda c: "; ".join(s.name for a in c.awards.all() for s in a.suppliers.all()),
        ),
        ("Main CPV code", lambda c: c.cpv_codes[0] if c.cpv_codes else ""),
        ("Category", lambda c: c.category),
        ("Framework", lambda c: c.framework),
        ("Value", lambda c: c.value),
        ("Currency", lambda c: c.currency),
        ("Number of tenderers", lambda c: c.number_of_tenderers),
        ("Tender start", lambda c: c.tender_start),
        ("Tender end", lambda c: c.tender_end),
        ("Contract start", lambda c: c.contract_start),
        ("Contract end", lambda c: c.contract_end),
        ("Source", lambda c: c.get_source_display()),
        ("Notice", lambda c: c.url),
    ]


def _contracts_csv(filename, contracts):
    return csv_response(filename=filename, columns=_contract_columns(), rows=contracts)


# --- Home --------------------------------------------------------------------------------------


def home(request):
    slug = request.GET.get("council", "").strip()
    if slug:
        if Organisation.objects.filter(slug=slug).exists():
            return redirect("market:council", slug=slug)
    councils = list(selectors.councils_with_contracts().only("slug", "name"))
    return render(
        request,
        "market/insight/home.html",
        {
            "councils": councils,
            "contract_count": Contract.objects.count(),
            "supplier_count": Supplier.objects.filter(merged_into__isnull=True).count(),
            "council_not_found": bool(slug),
        },
    )


# --- Councils ----------------------------------------------------------------------------------


def council(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    report = selectors.council_report(organisation)
    name = organisation.short_name or organisation.name
    return render(
        request,
        "market/insight/council.html",
        {
            "organisation": organisation,
            "report": report,
            "pagination": paginate(
                request,
                selectors.council_contracts(organisation).order_by("-contract_start", "pk"),
            ),
            "division_chart": _money_chart(
                chart_id="council-divisions",
                title=f"What {name} buys, by CPV division",
                description="Total value in pounds of the council's contracts in each CPV "
                "division (the first two digits of the main CPV code).",
                tallies=report.divisions,
                heading="CPV division",
            ),
            "category_chart": _money_chart(
                chart_id="council-categories",
                title=f"What {name} buys, by category",
                description="Total value in pounds of the council's contracts in each "
                "procurement category (goods, services or works).",
                tallies=report.categories,
                heading="Category",
            ),
        },
    )


def council_csv(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return _contracts_csv(
        f"{organisation.slug}-contracts.csv",
        selectors.council_contracts(organisation).order_by("contract_end", "pk"),
    )


# --- Categories --------------------------------------------------------------------------------


def _category_filters(request) -> dict:
    filters = MarketSearchForm(request.GET).filters()
    # A CPV code typed into the words box (as on the market's home page) is taken as a code.
    if not filters["cpv"] and selectors.cpv_prefix(filters["words"]):
        filters = {"cpv": filters["words"], "words": ""}
    return filters


def category(request):
    filters = _category_filters(request)
    searched = bool(filters["cpv"] or filters["words"])
    report = selectors.category_report(**filters) if searched else None
    chart = None
    if report and report.by_kind:
        kinds = report.by_kind
        chart = money_chart(
            chart_id="category-medians",
            title="Median contract value by kind of buyer",
            description="The median value in pounds of comparable contracts for each kind of "
            "buyer.",
            labels=[d.label for d in kinds],
            values=[float(d.median) for d in kinds],
            series="Median value",
            heading="Kind of buyer",
            columns=[
                TableColumn("Contracts", [str(d.count) for d in kinds]),
                TableColumn("Lower quartile", [_pounds(d.lower_quartile) for d in kinds]),
                TableColumn("Upper quartile", [_pounds(d.upper_quartile) for d in kinds]),
                TableColumn("Lowest", [_pounds(d.minimum) for d in kinds]),
                TableColumn("Highest", [_pounds(d.maximum) for d in kinds]),
            ],
        )
    return render(
        request,
        "market/insight/category.html",
        {
            "form": MarketSearchForm(request.GET),
            "filters": filters,
            "searched": searched,
            "report": report,
            "chart": chart,
            "pagination": paginate(request, report.contracts) if report else None,
            "csv_href": reverse("market:category-csv") + "?" + request.GET.urlencode(),
        },
    )


def category_csv(request):
    filters = _category_filters(request)
    if not (filters["cpv"] or filters["words"]):
        raise Http404("Give a CPV code or words")
    return _contracts_csv("category-contracts.csv", selectors.category_contracts(**filters))


# --- Suppliers ---------------------------------------------------------------------------------


def supplier_list(request):
    form = SupplierSearchForm(request.GET)
    return render(
        request,
        "market/insight/supplier_list.html",
        {
            "form": form,
            "pagination": paginate(request, selectors.supplier_list(query=form.query())),
        },
    )


def _supplier(slug):
    found = get_object_or_404(Supplier.objects.select_related("merged_into"), slug=slug)
    return found, selectors.kept_supplier(found)


def supplier(request, slug):
    found, kept = _supplier(slug)
    if kept.pk != found.pk:
        return redirect("market:supplier", slug=kept.slug)
    dossier = selectors.supplier_dossier(kept)
    rows = [(c, dossier.assessments[c.pk]) for c in dossier.contracts]
    return render(
        request,
        "market/insight/supplier.html",
        {
            "supplier": kept,
            "dossier": dossier,
            "rows": rows,
            "rules": RULES,
            "short_tender_days": SHORT_TENDER_DAYS,
            "buyer_chart": _money_chart(
                chart_id="supplier-buyers",
                title=f"{kept.name}: value by buyer",
                description="Total value in pounds of the supplier's contracts with each buyer.",
                tallies=dossier.buyers[:10],
                heading="Buyer",
            ),
        },
    )


def supplier_csv(request, slug):
    found, kept = _supplier(slug)
    if kept.pk != found.pk:
        return redirect("market:supplier-csv", slug=kept.slug)
    return _contracts_csv(f"{kept.slug}-contracts.csv", selectors.supplier_contracts(kept))


# --- Contracts ---------------------------------------------------------------------------------


def contract_list(request):
    form = ContractFilterForm(request.GET)
    return render(
        request,
        "market/insight/contract_list.html",
        {
            "form": form,
            "pagination": paginate(request, selectors.contract_list(**form.filters())),
            "csv_href": reverse("market:contracts-csv") + "?" + request.GET.urlencode(),
        },
    )


def contract_list_csv(request):
    form = ContractFilterForm(request.GET)
    return _contracts_csv("contracts.csv", selectors.contract_list(**form.filters()))


def contract_detail(request, pk):
    try:
        contract = selectors.contract_detail(pk=pk)
    except Contract.DoesNotExist as error:
        raise Http404("No such contract") from error
    assessment = selectors.assessments([contract])[contract.pk]
    return render(
        request,
        "market/insight/contract_detail.html",
        {"contract": contract, "assessment": assessment, "rules": RULES},
    )
