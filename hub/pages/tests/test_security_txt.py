"""/.well-known/security.txt says where to report a vulnerability (RFC 9116)."""

from datetime import UTC, datetime, timedelta

import pytest


@pytest.mark.django_db
def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings):
    settings.HUB_SECURITY_CONTACT = "mailto:security@hub.example.org"
    settings.HUB_SECURITY_POLICY_URL = "https://hub.example.org/security-policy"
    settings.HUB_BASE_URL = "https://hub.example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@hub.example.org"
    assert fields["Canonical"] == "https://hub.example.org/.well-known/security.txt"
    assert fields["Policy"] == "https://hub.example.org/security-policy"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(days=364) < expires - datetime.now(UTC) <= timedelta(days=365)


@pytest.mark.django_db
def test_without_a_policy_address_the_field_is_left_out(client, settings):
    settings.HUB_SECURITY_POLICY_URL = ""
    assert b"Policy:" not in client.get("/.well-known/security.txt").content
