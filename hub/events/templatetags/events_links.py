"""`{% load events_links %}`: event sections on other apps' pages, so their Python code need
not import events (which depends on them)."""

from django import template

from hub.events.selectors_links import events_attended

register = template.Library()


@register.inclusion_tag("events/links/_events_attended.html", takes_context=True)
def organisation_events_attended(context, organisation):
    """The "Events attended" section of an organisation's page, as the viewer may see it."""
    user = context["request"].user
    return {
        "organisation": organisation,
        "attended": events_attended(organisation_id=organisation.pk, user=user),
    }
