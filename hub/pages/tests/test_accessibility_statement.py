"""The accessibility statement says what is tested: each claim is backed by a browser test,
and the axe-core version it names is the one the tests run."""

import json
from pathlib import Path

import pytest

from hub.core.tests.browser import test_every_page, test_keyboard_journeys

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def statement(client, db) -> str:
    return client.get("/accessibility-statement/").content.decode()


@pytest.mark.parametrize(
    ("claim", "test_name"),
    [
        ("searching good practice", "test_searching_good_practice_with_the_keyboard"),
        (
            "contributing a case study from start to submission",
            "test_contributing_good_practice_with_the_keyboard",
        ),
        (
            "signing up for an event and giving the place up",
            "test_signing_up_for_an_event_and_giving_the_place_up_with_the_keyboard",
        ),
        (
            "starting and answering a self-assessment",
            "test_starting_and_answering_a_self_assessment_with_the_keyboard",
        ),
    ],
)
def test_each_keyboard_journey_it_names_is_tested(statement, claim, test_name):
    assert claim in statement
    assert callable(getattr(test_keyboard_journeys, test_name))


def test_it_names_the_axe_version_the_tests_run_and_every_role_the_crawl_uses(statement):
    package = json.loads((PROJECT_ROOT / "node_modules/axe-core/package.json").read_text())
    major_minor = ".".join(package["version"].split(".")[:2])
    assert f"axe-core {major_minor} on every page template" in statement
    assert len(test_every_page.PRINCIPALS) == 7  # the public and the six demo people it names
    assert "prepared on" in statement
