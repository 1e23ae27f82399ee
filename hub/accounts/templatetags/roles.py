from django import template

from hub.accounts.roles import Role

register = template.Library()


@register.filter
def role_label(name: str) -> str:
    try:
        return Role(name).label
    except ValueError:
        return name
