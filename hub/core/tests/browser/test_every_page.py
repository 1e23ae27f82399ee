"""axe on every page template: for each app, Chromium crawls the seeded Hub as each demo
person in turn, runs axe (WCAG 2.2 AA) on every page it reaches, and then checks that every page
template of the app was rendered on the way. A template the crawl cannot reach by following
links (one reached only by sending a form, or by a link in an email) is listed in
`reached_elsewhere.py` with the browser journey that checks it with axe instead.

Everyone crawls every view they can reach (each at up to two addresses), since people see
different links on the same page; axe runs on each page whose set of templates has not been
checked yet, so public pages are checked as the public sees them, and a staff page's extra parts
when staff see them. The 403, 404, 400 and 500 pages are checked too.
"""

import contextlib
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from hub.core.tests.browser.axe import axe_violations, format_violations
from hub.core.tests.browser.page_templates import page_templates_of
from hub.core.tests.browser.reached_elsewhere import REACHED_ELSEWHERE

# The demo people, from least to most access; staff come last so that pages the public can see
# are checked as the public sees them.
PRINCIPALS = [
    None,
    "councillor@example.org",
    "officer@example.org",
    "champion@example.org",
    "facilitator@example.org",
    "editor@example.org",
    "admin@example.org",
]
# Each app's pages, with the namespace its views are named in and where its crawl starts.
APPS = {
    "pages": ("pages", ["/", "/accessibility-statement/", "/privacy-notice/", "/cookies/"]),
    "accounts": ("accounts", ["/account/"]),
    "organisations": ("organisations", ["/organisations/"]),
    "cases": ("cases", ["/cases/"]),
    "events": ("events", ["/events/"]),
    "champions": ("champions", ["/champions/"]),
    "academies": ("academies", ["/academies/"]),
    "assessment": ("assessment", ["/self-assessment/"]),
    "peer_challenge": ("peer_challenge", ["/peer-challenge/"]),
    "market": ("market", ["/market/"]),
    "programme": ("programme", ["/programme/"]),
    "privacy": ("privacy", []),
}
# Links the crawl never follows: they leave the pages (files, feeds) or end the session.
SKIPPED_SUFFIXES = (".csv", ".pdf", ".ics", ".json", ".xml", ".zip")
# At most this many addresses for one view: a list's next pages and filters add nothing new.
VISITS_PER_VIEW = 2
# Addresses of one view a person may be refused before the crawl stops trying it as them.
TRIES_PER_VIEW = 3
# Everyone's crawl also starts from the pages that link into every app: the home page (and its
# header), the account page and, for staff, the programme unit's dashboard.
HUB_STARTS = ["/", "/account/", "/programme/"]


def _pages_no_link_leads_to(record: list[str]) -> dict[str, tuple[int, bytes, frozenset]]:
    """The pages the Hub shows when something fails, rendered here as the server would send
    them: a bad request, a server error, and a PDF that cannot be made."""
    from unittest import mock

    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory
    from django.urls import reverse

    from hub.core import pdf
    from hub.core.views.errors import bad_request, server_error

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)

    def rendered(make) -> tuple[int, bytes, frozenset]:
        record.clear()
        response = make()
        return response.status_code, response.content, frozenset(record)

    missing = pdf.PdfUnavailable("WeasyPrint cannot load Pango")

    def unavailable():
        with mock.patch.object(pdf, "pdf_response", side_effect=missing):
            return pdf.pdf_download(
                request,
                "core/pdf_base.html",
                {},
                filename="report.pdf",
                back_url=reverse("pages:home"),
                back_text="Back to the home page",
            )

    return {
        "/__failure/bad-request": rendered(lambda: bad_request(request)),
        "/__failure/server-error": rendered(lambda: server_error(request)),
        "/__failure/pdf-unavailable": rendered(unavailable),
    }


def _password_reset_link() -> list[str]:
    """The link of a password reset email, as the person would follow it."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from hub.accounts.models import User

    user = User.objects.get(email="officer@example.org")
    return [
        reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    ]


# Addresses people reach from an email rather than a link in the Hub.
EMAILED_LINKS = {"accounts": _password_reset_link}


def _serve(status: int, body: bytes):
    def fulfil(route, request=None):
        route.fulfill(status=status, body=body, content_type="text/html; charset=utf-8")

    return fulfil


def _index_pages(namespace: str) -> list[str]:
    """The app's addresses that take no parameters: its lists and start pages, which the
    service navigation, the account page or the dashboard link to."""
    from django.urls import URLResolver, get_resolver, reverse

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == namespace:
            names = [p.name for p in pattern.url_patterns if getattr(p, "name", None)]
            break
    else:
        return []
    addresses = []
    for name in names:
        try:
            address = reverse(f"{namespace}:{name}")
        except Exception:  # noqa: BLE001, S112 - it takes parameters
            continue
        if not address.endswith(SKIPPED_SUFFIXES):
            addresses.append(address)
    return addresses


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _session_cookie(email: str, live_server_url: str) -> dict:
    from hub.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server_url}


class Crawl:
    """One app's crawl: the views seen, the templates rendered and axe's findings."""

    def __init__(self, namespace: str, live_server_url: str):
        self.namespace = namespace
        self.base = live_server_url
        self.checked: set[frozenset[str]] = set()
        self.rendered: set[str] = set()
        self.findings: list[str] = []
        self.pages_checked = 0
        self._current: list[str] = []

    def record(self, sender, template, **kwargs):
        if template.name:
            self._current.append(template.name)

    def in_app(self, view_name: str | None) -> bool:
        return bool(view_name) and view_name.split(":")[0] == self.namespace

    def links(self, page) -> list[str]:
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        found = []
        for href in hrefs:
            parts = urlsplit(urljoin(page.url, href))
            if f"{parts.scheme}://{parts.netloc}" != self.base or parts.path.startswith(
                ("/static/", "/media/", "/django-admin/")
            ):
                continue
            if parts.path.endswith(SKIPPED_SUFFIXES):
                continue
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return found

    @staticmethod
    def _goto(page, path: str):
        try:
            return page.goto(path)
        except PlaywrightError as error:
            # The live server dropped the connection (seen under load): try once more.
            if "chrome-error://" not in str(error):
                raise
            return page.goto(path)

    def visit(
        self, page, path: str, who: str | None, templates: frozenset | None = None
    ) -> tuple[bool, list[str]]:
        """Open the page, check it with axe if it shows templates not yet checked, and say
        whether this person could see it (200 at that address, not sent to sign in)."""
        self._current = []
        try:
            response = self._goto(page, path)
        except PlaywrightError as error:
            # A file (such as a PDF), or an empty answer (405 for a form's address): no page.
            if "Download is starting" in str(error) or "ERR_HTTP_RESPONSE_CODE" in str(error):
                # Let the browser finish showing its own error page before the next address.
                with contextlib.suppress(PlaywrightError):
                    page.wait_for_url(lambda url: url.startswith("chrome-error:"), timeout=5000)
                return False, []
            raise
        status = response.status if response else 0
        html = response is not None and "text/html" in (response.headers.get("content-type") or "")
        if status >= 500 and not path.startswith("/__failure/"):
            self.findings.append(f"{path} as {who or 'the public'}: a server error ({status})")
        templates = frozenset(self._current) if templates is None else templates
        self.rendered |= templates
        if html and templates not in self.checked:
            self.checked.add(templates)
            self.pages_checked += 1
            violations = axe_violations(page)
            if violations:
                self.findings.append(
                    f"{path} as {who or 'the public'} ({status}):\n{format_violations(violations)}"
                )
        seen = status == 200 and urlsplit(page.url).path == urlsplit(path).path
        return seen, (self.links(page) if html and seen else [])

    def run(self, context_for, starts: list[str]):
        for who in PRINCIPALS:
            page = context_for(who)
            queue = deque([*HUB_STARTS, *starts])
            seen_here: set[str] = set()
            tries_here: dict[str, int] = {}
            seen_views: dict[str, int] = {}
            while queue:
                path = queue.popleft()
                view = _view_name(path.split("?")[0])
                start = path in starts or path in HUB_STARTS
                if path in seen_here or not (start or self.in_app(view)):
                    continue
                if not start and (
                    seen_views.get(view, 0) >= VISITS_PER_VIEW
                    or tries_here.get(view, 0) >= TRIES_PER_VIEW
                ):
                    continue
                seen_here.add(path)
                tries_here[view] = tries_here.get(view, 0) + 1
                could_see, links = self.visit(page, path, who)
                if could_see:
                    seen_views[view] = seen_views.get(view, 0) + 1
                queue.extend(links)
            page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("app", list(APPS))
def test_every_page_template_passes_axe(app, hub_data, browser, live_server):
    namespace, starts = APPS[app]
    emailed = EMAILED_LINKS.get(app, list)()
    starts = list(dict.fromkeys([*starts, *_index_pages(namespace), *emailed]))
    crawl = Crawl(namespace, live_server.url)

    def context_for(who):
        context = browser.new_context(base_url=live_server.url)
        if who:
            context.add_cookies([_session_cookie(who, live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    template_rendered.connect(crawl.record)
    try:
        crawl.run(context_for, starts)
        # The error pages every app can answer with.
        if app == "pages":
            page = context_for(None)
            crawl.visit(page, "/no-such-page/", None)
            page = context_for(PRINCIPALS[1])
            crawl.visit(page, "/programme/", PRINCIPALS[1])
            # Rendered in this thread (so their templates are recorded), served to the browser
            # at an address of the live server, so the page's own styles and scripts load.
            for path, (status, body, templates) in _pages_no_link_leads_to(crawl._current).items():
                page.route(f"**{path}", _serve(status, body))
                crawl.visit(page, path, None, templates=templates)
            page.context.close()
            page.context.close()
    finally:
        template_rendered.disconnect(crawl.record)

    assert crawl.findings == [], "The crawl found problems:\n" + "\n".join(crawl.findings)
    expected = page_templates_of(app)
    elsewhere = REACHED_ELSEWHERE.get(app, {})
    not_reached = sorted(expected - crawl.rendered - set(elsewhere))
    assert not_reached == [], (
        f"The crawl of {app} never rendered these page templates: {not_reached}. Link to them, "
        "or list them in reached_elsewhere.py with the journey that checks them with axe."
    )
    listed_but_reached = sorted(set(elsewhere) & crawl.rendered)
    assert listed_but_reached == [], (
        f"{listed_but_reached} are listed in reached_elsewhere.py but the crawl reached them: "
        "remove them from the list."
    )
    assert crawl.pages_checked >= len(expected - set(elsewhere)) // 2


def test_every_app_with_page_templates_is_crawled():
    from hub.core.tests.browser.page_templates import SHARED_TEMPLATE_DIRS, all_apps_with_pages

    assert all_apps_with_pages() - set(SHARED_TEMPLATE_DIRS) <= set(APPS)
