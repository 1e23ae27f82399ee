"""Run axe-core (the npm package, from node_modules) in a Playwright page.

The Hub sends a strict Content-Security-Policy (script-src 'self'), so axe cannot be added with
a <script> tag. Playwright's `evaluate` runs through the browser's developer protocol, which the
page's CSP does not govern, so the source is evaluated there instead.
"""

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

PROJECT_ROOT = Path(__file__).resolve().parents[4]
AXE_SOURCE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.2 AA: every level A and AA rule up to 2.2 (axe tags each rule with the version it came in).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const results = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String).join(' '),
      summary: node.failureSummary,
    })),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        raise FileNotFoundError(f"{AXE_SOURCE} is missing: run `npm ci` in {PROJECT_ROOT}")
    # The trailing expression keeps Playwright from treating the script's value as a function.
    return AXE_SOURCE.read_text(encoding="utf-8") + "\n;true"


def axe_violations(page: Page, tags: list[str] = WCAG_22_AA) -> list[dict]:
    """The axe violations on the page as it stands, for the given rule tags."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN_AXE, tags)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"      {summary_line}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, tags: list[str] = WCAG_22_AA) -> None:
    """Fail with each rule id, impact and target node if axe finds WCAG 2.2 AA violations."""
    violations = axe_violations(page, tags)
    assert violations == [], (
        f"axe-core found {len(violations)} WCAG 2.2 AA violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
