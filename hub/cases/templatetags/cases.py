from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe

from hub.cases.models import BenefitUnit, EvidenceStatus, Stage, Status
from hub.core.rich_text import render_markdown

register = template.Library()

STATUS_TAG_COLOURS = {
    Status.DRAFT: "grey",
    Status.SUBMITTED: "blue",
    Status.CHANGES_REQUESTED: "orange",
    Status.PUBLISHED: "green",
    Status.ARCHIVED: "grey",
}
STAGE_TAG_COLOURS = {Stage.LIVE: "green", Stage.STOPPED: "red", Stage.RETIRED: "grey"}
EVIDENCE_TAG_COLOURS = {
    EvidenceStatus.VERIFIED: "green",
    EvidenceStatus.CLAIMED: "yellow",
    EvidenceStatus.DISPUTED: "red",
}


@register.filter
def markdown_safe(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - render_markdown sanitises with nh3


@register.filter
def pounds(value) -> str:
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    return "£" + intcomma(f"{amount:.0f}" if whole else f"{amount:.2f}")


@register.filter
def benefit_amount(benefit) -> str:
    if benefit.amount is None:
        return ""
    if benefit.unit == BenefitUnit.POUNDS:
        text = pounds(benefit.amount)
    elif benefit.unit == BenefitUnit.PERCENT:
        text = f"{benefit.amount.normalize():f}%"
    else:
        text = f"{intcomma(benefit.amount.normalize())} {benefit.get_unit_display()}"
    return f"{text} {benefit.get_period_display()}"


@register.filter
def status_colour(status: str) -> str:
    return STATUS_TAG_COLOURS.get(status, "grey")


@register.filter
def stage_colour(stage: str) -> str:
    return STAGE_TAG_COLOURS.get(stage, "blue")


@register.filter
def evidence_colour(status: str) -> str:
    return EVIDENCE_TAG_COLOURS.get(status, "grey")
