"""Links to champion profiles from other apps' templates, so their Python never imports the
champions app: `{% load champion_links %}{% champion_profile_url person as url %}`."""

from django import template

from hub.champions.selectors import approved_profile_of, champions_who_led

register = template.Library()


@register.simple_tag
def champion_profile_url(person) -> str:
    """The address of the person's champion profile if it is approved, else ""."""
    profile = approved_profile_of(getattr(person, "pk", None))
    return profile.get_absolute_url() if profile else ""


@register.simple_tag
def case_champions(resource) -> list:
    """Approved champions who led `resource`: `{% case_champions resource as champions %}`."""
    return champions_who_led(resource.pk)


@register.filter
def capacity_text(capacity_left: int) -> str:
    """ "Can take 1 more mentee", "Can take 2 more mentees" or "Not taking mentees now"."""
    if not capacity_left:
        return "Not taking mentees now"
    return f"Can take {capacity_left} more mentee{'s' if capacity_left != 1 else ''}"
