from django import template
from django.urls import reverse

from hub.privacy.audit import may_see_record, record_type_of
from hub.privacy.retention import retention_months as configured_retention_months
from hub.privacy.services import waiting_request_of

register = template.Library()


@register.simple_tag(takes_context=True)
def your_erasure_request(context):
    user = context["request"].user
    return waiting_request_of(user) if user.is_authenticated else None


@register.simple_tag
def retention_months() -> int:
    return configured_retention_months()


@register.inclusion_tag("privacy/_history_link.html", takes_context=True)
def history_link(context, record):
    """A link to a record's history, for the people allowed to see it (nothing for others)."""
    kind = record_type_of(type(record))
    user = context["request"].user
    allowed = (
        kind is not None
        and user.has_perm("privacy.view_history", kind)
        and may_see_record(user, kind, record)
    )
    return {
        "url": reverse("privacy:history", args=[kind.key, record.pk]) if allowed else None,
        "label": kind.label.lower() if kind else "",
    }
