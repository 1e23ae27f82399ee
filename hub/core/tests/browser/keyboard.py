"""Driving a page with the keyboard alone: Tab to a control, then type, Space, an arrow key or
Enter, as a person who cannot use a mouse would. Reaching a control proves it is in the tab
order; each control reached must also show where the focus is (WCAG 2.2: 2.4.7 and 2.4.11)."""

from playwright.sync_api import Locator, Page

# Far more than any page of the Hub needs to reach its last control from the top.
MAX_TABS = 150

_FOCUS_IS_VISIBLE = """element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent';
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  // GOV.UK Frontend marks focused links and buttons with a yellow background.
  const yellow = style.backgroundColor === 'rgb(255, 221, 0)';
  return outline || shadow || yellow;
}"""


class Keyboard:
    def __init__(self, page: Page):
        self.page = page

    def _focused(self, target: Locator) -> bool:
        return target.evaluate("element => element === document.activeElement")

    def tab_to(self, target: Locator) -> Locator:
        """Press Tab from where the focus is until `target` has it, wrapping round the page."""
        target = target.first
        target.wait_for(state="attached")
        for _ in range(MAX_TABS):
            if self._focused(target):
                assert target.evaluate(_FOCUS_IS_VISIBLE), "The focused control shows no focus"
                return target
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{target} cannot be reached with the Tab key")

    def type_into(self, field: Locator, text: str) -> None:
        self.tab_to(field)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.type(text)

    def tick(self, box: Locator) -> None:
        """Tick a checkbox, or choose a radio, with Space."""
        self.tab_to(box)
        self.page.keyboard.press("Space")
        assert box.first.is_checked()

    def choose(self, group: Locator, option: Locator) -> None:
        """Choose a radio in a group: Tab into the group, then arrow keys, as screen readers
        and browsers expect (only one radio of a group is in the tab order)."""
        radios = group.locator("input[type=radio]")
        for _ in range(MAX_TABS):
            if radios.evaluate_all("(rs) => rs.includes(document.activeElement)"):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"No radio of {group} can be reached with the Tab key")
        for _ in range(radios.count() + 1):
            if self._focused(option.first):
                break
            self.page.keyboard.press("ArrowDown")
        if not option.first.is_checked():
            self.page.keyboard.press("Space")
        assert option.first.is_checked()

    def activate(self, control: Locator) -> None:
        """Press Enter on a link or button and wait for the page it leads to."""
        self.tab_to(control)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def start_from_top(self) -> None:
        """Put the focus back at the start of the page, as loading a new page does."""
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
