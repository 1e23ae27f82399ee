"""Which templates are whole pages: those that extend base.html, directly or through a layout,
and that no other template extends (a layout is checked through the pages built on it)."""

import re
from functools import cache
from pathlib import Path

HUB = Path(__file__).resolve().parents[3]
EXTENDS = re.compile(r"{%\s*extends\s+\"([^\"]+)\"")
# The project-wide templates (base, errors, the content pages) count as the pages app's.
SHARED_TEMPLATE_DIRS = ("templates", "core", "pages")


@cache
def _templates() -> dict[str, tuple[str | None, str]]:
    """Each template's name, with the template it extends and the app it belongs to."""
    found = {}
    for path in HUB.glob("**/templates/**/*.html"):
        parts = path.relative_to(HUB).parts
        at = parts.index("templates")
        app = parts[0] if at > 0 else "templates"
        parent = EXTENDS.search(path.read_text(encoding="utf-8"))
        found["/".join(parts[at + 1 :])] = (parent.group(1) if parent else None, app)
    return found


def _extends_base(name: str, seen: frozenset = frozenset()) -> bool:
    parent = _templates().get(name, (None, ""))[0]
    if parent == "base.html":
        return True
    return parent is not None and parent not in seen and _extends_base(parent, seen | {name})


def page_templates_of(app: str) -> set[str]:
    templates = _templates()
    layouts = {parent for parent, _ in templates.values() if parent}
    apps = SHARED_TEMPLATE_DIRS if app == "pages" else (app,)
    return {
        name
        for name, (_, owner) in templates.items()
        if owner in apps and name not in layouts and _extends_base(name)
    }


def all_apps_with_pages() -> set[str]:
    """Every app that has at least one page template."""
    return {owner for name, (_, owner) in _templates().items() if _extends_base(name)}
