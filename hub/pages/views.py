from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from hub.pages.programme import home_context


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **home_context()}


class ContentPageView(TemplateView):
    """A static content page: accessibility statement, privacy notice, cookies."""


def security_txt(request):
    """RFC 9116: where to report a vulnerability. It expires a year ahead, so a running service
    never serves a stale one."""
    expires = (timezone.now() + timedelta(days=365)).astimezone(UTC)
    lines = [
        f"Contact: {settings.HUB_SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.HUB_BASE_URL}/.well-known/security.txt",
    ]
    if settings.HUB_SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.HUB_SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
