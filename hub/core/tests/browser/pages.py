"""Page objects for the browser journeys: what a person sees and does on each page."""

import re

from playwright.sync_api import Locator, Page


class HubPage:
    path = "/"

    def __init__(self, page: Page):
        self.page = page

    def goto(self):
        self.page.goto(self.path)
        return self

    def submit(self, button: Locator) -> None:
        """Press a form's button and wait for the page the server sends back to load."""
        with self.page.expect_navigation():
            button.click()

    @property
    def heading(self) -> Locator:
        return self.page.locator("main h1")

    @property
    def header(self) -> Locator:
        return self.page.get_by_role("banner")

    @property
    def service_navigation(self) -> Locator:
        return self.page.get_by_role("navigation", name="Menu")


class HomePage(HubPage):
    path = "/"

    def crown_logos(self) -> Locator:
        """GOV.UK's header logo or crown: the Hub is not on GOV.UK, so it must show neither."""
        return self.page.locator(
            ".govuk-header__logo, .govuk-header__logotype, [role=banner] svg, header svg"
        )

    def font_family(self, selector: str) -> str:
        return self.page.locator(selector).first.evaluate(
            "element => getComputedStyle(element).fontFamily"
        )

    def text_fonts(self) -> dict[str, str]:
        """The computed font-family of each element that shows text, keyed by a short label.

        GOV.UK Frontend sets the typeface on its components, not on <body> (whose computed font
        is the browser default), so this checks the text a visitor actually sees.
        """
        return self.page.evaluate(
            r"""() => {
              const fonts = {};
              for (const element of document.body.querySelectorAll('*')) {
                if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(element.tagName)) continue;
                const hasText = [...element.childNodes].some(
                  (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
                if (!hasText || !element.checkVisibility()) continue;
                const classes = String(element.className).trim().split(/\s+/).filter(Boolean);
                const label = [element.tagName.toLowerCase(), ...classes].join('.');
                fonts[label] = getComputedStyle(element).fontFamily;
              }
              return fonts;
            }"""
        )


class CouncilListPage(HubPage):
    path = "/organisations/"

    @property
    def filters(self) -> Locator:
        return self.page.get_by_role("form", name="Filter councils")

    @property
    def results_status(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def pagination(self) -> Locator:
        return self.page.get_by_role("navigation", name="Pagination")

    def filter_by(self, *, region: str | None = None, kind: str | None = None):
        if region is not None:
            self.filters.get_by_label("Region").select_option(label=region)
        if kind is not None:
            self.filters.get_by_label("Kind of council").select_option(label=kind)
        self.submit(self.filters.get_by_role("button", name="Apply filters"))
        return self

    def council_names(self) -> list[str]:
        return self.page.locator("table.govuk-table tbody tr td:first-child a").all_inner_texts()

    def regions(self) -> list[str]:
        return self.page.locator("table.govuk-table tbody tr td:nth-child(3)").all_inner_texts()

    def next_page(self):
        self.submit(self.pagination.get_by_role("link", name="Next page"))
        return self


class CouncilPage(HubPage):
    def __init__(self, page: Page, slug: str):
        super().__init__(page)
        self.path = f"/organisations/{slug}/"

    def summary_value(self, key: str) -> Locator:
        row = self.page.locator(".govuk-summary-list__row").filter(
            has=self.page.locator(
                ".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")
            )
        )
        return row.locator(".govuk-summary-list__value")


class SignInPage(HubPage):
    path = "/account/sign-in/"

    @property
    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    def error_links(self) -> Locator:
        return self.error_summary.locator(".govuk-error-summary__list a")

    # The last 30-second step whose code each account used: an authenticator code works once.
    _last_step: dict[str, int] = {}

    def sign_in(self, email: str = "", password: str = "", *, authenticator_key: str = ""):
        """Sign in; staff are then asked for a code from their authenticator, which this
        computes from `authenticator_key` (hex; the demo staff's by default)."""
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.submit(self.page.get_by_role("main").get_by_role("button", name="Sign in"))
        if "/account/two-factor/verify/" in self.page.url:
            from hub.demo.services import DEMO_TOTP_KEY

            TwoFactorCodePage(self.page).enter_code(
                authenticator_code(authenticator_key or DEMO_TOTP_KEY, account=email)
            )
        return self


def authenticator_code(key_hex: str, *, account: str) -> str:
    """The code an authenticator app with this key shows, as a person would type it. A code
    is refused once used, so a second sign-in within the same 30 seconds takes the next
    step's code (the Hub accepts one step ahead) or waits for the step after."""
    import time

    from django_otp.oath import TOTP

    clock = TOTP(bytes.fromhex(key_hex))
    step = max(clock.t(), SignInPage._last_step.get(account, -1) + 1)
    if step > clock.t() + 1:
        time.sleep((step - 1) * clock.step - time.time() + 0.5)
    SignInPage._last_step[account] = step
    clock.time = step * clock.step
    return f"{clock.token():06d}"


class TwoFactorCodePage(HubPage):
    path = "/account/two-factor/verify/"

    def enter_code(self, code: str):
        self.page.get_by_label("Code from your authenticator app").fill(code)
        self.submit(self.page.get_by_role("main").get_by_role("button", name="Continue"))
        return self


class AccountPage(HubPage):
    path = "/account/"

    def sign_out(self):
        self.submit(self.page.get_by_role("button", name="Sign out"))
        return HomePage(self.page)
