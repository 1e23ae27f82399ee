"""Web hardening across the Hub: the headers every answer carries, and templates that keep the
Content Security Policy enforceable (no inline script, style attribute or event handler)."""

import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = sorted((PROJECT_ROOT / "hub").glob("**/templates/**/*.html"))

# An inline script: a <script> element with content, other than a JSON data block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
JAVASCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.I)


def directives(policy: str) -> dict[str, set[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: set(values) for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/cases/", "/events/", "/account/sign-in/", "/nowhere/"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'self'"}
    assert policy["form-action"] == {"'self'"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_only_the_api_documentation_allows_inline_styles_and_never_inline_scripts(client):
    docs = directives(client.get("/api/v1/docs")["Content-Security-Policy"])
    assert docs["style-src"] == {"'self'", "'unsafe-inline'"}
    assert docs["script-src"] == {"'self'"}
    page = directives(client.get("/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in page["style-src"]


def test_the_templates_are_found():
    assert len(TEMPLATES) > 200


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (INLINE_SCRIPT, "an inline <script>"),
        (STYLE_ATTRIBUTE, "a style attribute"),
        (EVENT_HANDLER, "an inline event handler"),
        (JAVASCRIPT_URL, "a javascript: address"),
    ],
)
def test_no_template_holds_what_the_policy_would_block(pattern, what):
    offenders = [
        f"{template.relative_to(PROJECT_ROOT)}:{number}"
        for template in TEMPLATES
        for number, line in enumerate(template.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == [], f"{what} in: {', '.join(offenders)}"


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("<script>alert(1)</script>", INLINE_SCRIPT),
        ('<p style="color: red">', STYLE_ATTRIBUTE),
        ('<a href="#" onclick="go()">', EVENT_HANDLER),
        ('<a href="javascript:go()">', JAVASCRIPT_URL),
    ],
)
def test_the_template_checks_catch_what_they_look_for(line, pattern):
    assert pattern.search(line)


def test_a_script_file_and_a_json_data_block_are_allowed():
    assert not INLINE_SCRIPT.search('<script src="/static/hub/js/init.mjs" type="module">')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{"a": 1}</script>')
