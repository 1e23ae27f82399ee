"""What a response means for access, in the access table's terms."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from hub.core.tests.access.table import ADMIN_LOGIN, OK, SIGN_IN


def outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"])
        if target.path == resolve_url(settings.LOGIN_URL) and "next=" in target.query:
            return SIGN_IN
        if target.path == reverse("admin:login"):
            return ADMIN_LOGIN
        return OK
    if 200 <= response.status_code < 300:
        return OK
    return response.status_code


def request(client, row, world):
    from django.urls import reverse as reverse_url

    url = reverse_url(row.name, kwargs=row.kwargs(world))
    if row.query and "=" in row.query:
        url = f"{url}?{row.query}"
    if row.method == "POST":
        return client.post(url)
    return client.get(url)
