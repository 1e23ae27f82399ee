"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

The root conftest.py imports these fixtures and the skip hook, so that every app's browser
journeys (such as hub/cases/tests/test_contribute_browser.py) share them.

Never run `playwright install`: the journeys use the system browser at CHROMIUM. Without it
they are skipped, except in CI (CI=true), where a missing browser fails them instead.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in the test thread, so Django would otherwise
# refuse the ORM calls made by fixtures there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = f"{CHROMIUM} is not installed (apt-get install -y chromium)"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or _in_ci():
        return  # In CI the launch fixture fails the journeys instead of skipping them.
    skip = pytest.mark.skip(reason=f"Browser journeys skipped: {MISSING_CHROMIUM}")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not CHROMIUM.exists():
        message = f"Browser journeys cannot run: {MISSING_CHROMIUM}"
        if _in_ci():
            pytest.fail(f"{message}. CI must not skip them.", pytrace=False)
        pytest.skip(message)
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() resolve against the live server."""
    return live_server.url


@pytest.fixture
def hub_data(transactional_db):
    """The demo seed: real councils (such as Manchester) and the demo accounts.

    The live server needs a transactional database, which is emptied after each test,
    taking the role groups made by a data migration with it; put them back before seeding.
    """
    from django.contrib.auth.models import Group

    from hub.accounts.roles import Role
    from hub.demo.services import demo_seed

    for role in Role:
        Group.objects.get_or_create(name=role.value)
    demo_seed()


@pytest.fixture
def hub_page(hub_data, page):
    """A Playwright page on the seeded Hub, failing fast rather than waiting 30 s.

    Any JavaScript error or Content-Security-Policy violation in the page fails the test.
    Responses with an error status (such as the 404 page itself) are left to the tests.
    """
    page.set_default_timeout(10_000)
    errors: list[str] = []

    def record_console_error(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console.error: {message.text}")

    page.on("console", record_console_error)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    yield page
    assert errors == [], "The page reported errors:\n" + "\n".join(errors)
