"""The axe helper itself: it must report a violation, not pass because axe never ran."""

import pytest

from hub.core.tests.browser.axe import assert_no_axe_violations, axe_violations


@pytest.mark.browser
def test_axe_reports_violations_with_rule_impact_and_target(hub_page):
    hub_page.goto("/")
    hub_page.evaluate(
        """() => {
          const image = document.createElement('img');
          image.id = 'image-without-alt';
          image.src = '/static/hub/favicon.svg';
          document.querySelector('main').append(image);
        }"""
    )

    violations = axe_violations(hub_page)
    assert [violation["id"] for violation in violations] == ["image-alt"]
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(hub_page)
    assert "image-alt (critical)" in str(failure.value)
    assert "at #image-without-alt" in str(failure.value)
