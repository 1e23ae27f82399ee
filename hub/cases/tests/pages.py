"""Page objects for the good practice journeys in Chromium."""

from playwright.sync_api import Locator, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import HubPage


class ContributionJourney(HubPage):
    """The question pages of the contribution journey: answer, then save and continue."""

    path = "/cases/contribute/"

    def field(self, label: str):
        return self.page.get_by_label(label, exact=True)

    def press(self, name: str) -> None:
        self.submit(self.page.get_by_role("button", name=name, exact=True))

    def save_and_continue(self, heading: str | None = None) -> None:
        self.press("Save and continue")
        if heading:
            expect(self.heading).to_contain_text(heading)
        assert_no_axe_violations(self.page)

    def date(self, legend: str, day: str, month: str, year: str) -> None:
        group = self.page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)

    @property
    def error_summary(self):
        return self.page.locator(".govuk-error-summary")


class ModerationQueuePage(HubPage):
    path = "/cases/moderation/"

    @property
    def tabs(self) -> Locator:
        return self.page.get_by_role("navigation", name="Records by status")

    def open_review(self, title: str) -> None:
        self.submit(self.page.get_by_role("link", name=title))


class ReviewPage(HubPage):
    @property
    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    def decide(self, move: str, reason: str = "") -> None:
        self.page.get_by_label(move).check()
        self.page.get_by_label("Reason").fill(reason)
        self.submit(self.page.get_by_role("button", name="Confirm"))

    def check_evidence(self, benefit: str) -> None:
        self.submit(self.page.get_by_role("link", name=f"Verify or dispute “{benefit}”"))
