"""The importers' shared row checks."""

from hub.core.importing import email_problem


def test_an_email_problem_names_what_is_wrong_and_the_first_row_of_a_repeat():
    seen: dict[str, int] = {}
    assert email_problem("", line=2, seen=seen) == "enter an email address"
    assert email_problem("not-an-address", line=3, seen=seen) == (
        "enter an email address in the correct format"
    )
    assert email_problem("a@example.org", line=4, seen=seen) is None
    assert email_problem("a@example.org", line=9, seen=seen) == "a@example.org is also in row 4"
    assert seen == {"a@example.org": 4}
