"""Rich text the Hub shows: Markdown rendered, then sanitised, so no stored text can run script."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
# GOV.UK classes are added after sanitising, so stored text cannot bring its own.
GOVUK_CLASSES = {
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<h4>": '<h4 class="govuk-heading-s">',
    "<a ": '<a class="govuk-link" ',
    "<table>": '<table class="govuk-table">',
    "<th>": '<th class="govuk-table__header">',
    "<td>": '<td class="govuk-table__cell">',
    "<tr>": '<tr class="govuk-table__row">',
}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str, *, demote_headings: bool = True) -> str:
    """Markdown to safe HTML with GOV.UK classes. Headings start at h2 inside a page's h1."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    if demote_headings:
        for level in range(5, 0, -1):
            html = html.replace(f"<h{level}", f"<h{min(level + 1, 4)}").replace(
                f"</h{level}>", f"</h{min(level + 1, 4)}>"
            )
    html = sanitise_html(html)
    for plain, styled in GOVUK_CLASSES.items():
        html = html.replace(plain, styled)
    return html
