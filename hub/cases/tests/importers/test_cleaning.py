"""Cleaning imported Markdown: macros, comments, images, email addresses and passwords go;
summaries are the first paragraph of prose, at most 120 words."""

import pytest

from hub.cases.importers.cleaning import (
    EMAIL_REMOVED,
    PASSWORD_REMOVED,
    clean_markdown,
    first_paragraph,
    trim_words,
)


def test_macros_over_many_lines_go_but_their_captions_stay():
    text = (
        '{% from "figure/macro.njk" import appFigure with context %}\n'
        "Before.\n\n"
        "{{ appFigure({\n"
        '  image: { file: "start.png", alt: "The start page" },\n'
        "  caption: \"The start page after round 2, with 'and Wales' added\"\n"
        "}) }}\n\n"
        "After {{ p.title }}.\n"
        "{# a comment #}"
    )
    cleaned = clean_markdown(text)
    assert "{" not in cleaned
    assert "}" not in cleaned
    assert "start.png" not in cleaned
    assert "The start page after round 2, with 'and Wales' added" in cleaned
    assert cleaned.startswith("Before.")
    assert cleaned.endswith("After .")


def test_liquid_loops_leave_no_empty_links_behind():
    text = (
        '<ul>\n{% for p in site.pages %}\n  <li><a href="{{ p.url }}">{{ p.title }}</a></li>\n'
        "{% endfor %}\n</ul>\n\nText."
    )
    assert clean_markdown(text) == "Text."


def test_html_comments_and_kramdown_attributes_go():
    assert clean_markdown("<!-- ## Draft\nnotes -->\n{: .link-list}\n* [A](/a)") == "* [A](/a)"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![A screenshot of the dashboard](dashboard.png)", "Image: A screenshot of the dashboard"),
        ("![alt text](wire.jpg)", ""),
        ("[![Journey map](/a/map.jpg)](/a/map.jpg)", "Image: Journey map"),
        (
            '<img src="/x/image-1.png" alt="First version of the question" />',
            "Image: First version of the question",
        ),
        (
            "![Chart](https://example.org/chart.png)",
            "[Image: Chart](https://example.org/chart.png)",
        ),
    ],
)
def test_images_whose_files_are_missing_become_their_alt_text(markdown, expected):
    assert clean_markdown(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "Write to jo.fictional@example.gov.uk for help.",
        "[Jo Fictional](mailto:jo.fictional@example.gov.uk) wrote this.",
        "Contact <jo.fictional@example.gov.uk>.",
        '<a href="mailto:team@example.gov.uk">the team</a> can help',
    ],
)
def test_every_email_address_is_removed(markdown):
    cleaned = clean_markdown(markdown)
    assert "@" not in cleaned
    assert "example.gov.uk" not in cleaned


def test_a_bare_address_leaves_a_marker_and_a_link_keeps_its_words():
    assert clean_markdown("Email jo@example.org today") == f"Email {EMAIL_REMOVED} today"
    assert clean_markdown("[the team](mailto:team@example.org)") == "the team"


def test_image_file_names_with_an_at_sign_are_not_addresses():
    assert clean_markdown("see icon@2x.png") == "see icon@2x.png"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Password: bsaasc123", PASSWORD_REMOVED),
        ("**Username:** ecf\n**Password:** ecf", f"**Username:** ecf\n{PASSWORD_REMOVED}"),
        ("Password is ‘ect’ (without the quotes).", f"{PASSWORD_REMOVED}."),
        ("the prototype (password: 'bsaasc123').", f"the prototype ({PASSWORD_REMOVED})."),
        ("prototype (password - qs)", f"prototype ({PASSWORD_REMOVED})"),
        ("pw: hunter2", PASSWORD_REMOVED),
        ("The password is s3cret today", f"The {PASSWORD_REMOVED} today"),
    ],
)
def test_passwords_given_are_removed(markdown, expected):
    assert clean_markdown(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "Set up your password:\n((link))",
        "The password is the same for all routers.",
        "They follow a password-less sign in journey.",
        "- enter a password\n- give a code",
        "A password manager helps.",
    ],
)
def test_words_about_passwords_that_give_none_stay(markdown):
    assert clean_markdown(markdown) == markdown


def test_the_first_paragraph_skips_headings_lists_and_contents():
    body = (
        "Contents\n--- [Why](#why)\n\n## Why we did this\n\n- a list item with many words here\n\n"
        "We tested the *new* [start page](/start) with 12 teachers.\n\nMore."
    )
    assert first_paragraph(body) == "We tested the new start page with 12 teachers."


def test_a_page_of_lists_falls_back_to_its_first_block_with_words():
    body = "## Guides\n\n* [Governance for service delivery](/a)\n* [Scaling a team](/b)"
    assert first_paragraph(body) == ""
    assert first_paragraph(body, prose_only=False) == (
        "Governance for service delivery Scaling a team"
    )


def test_long_text_is_trimmed_at_a_sentence_within_the_word_limit():
    sentence = "This sentence has exactly eight words in it. "
    trimmed = trim_words(sentence * 20)
    assert len(trimmed.split()) <= 120
    assert trimmed.endswith("in it.")


def test_text_without_sentence_ends_is_trimmed_at_a_word():
    trimmed = trim_words("word " * 200)
    assert len(trimmed.split()) == 120
    assert trimmed.endswith("word…")


def test_short_text_is_kept_whole():
    assert trim_words("  A short   summary. ") == "A short summary."
