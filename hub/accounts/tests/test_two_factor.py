"""Two-factor authentication for staff: set-up, the code at sign-in, backup codes, enforcement
on every page, the lock after wrong codes and an admin's reset."""

import re
import time
from urllib.parse import quote

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.roles import Role
from hub.accounts.tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.password_only_force_login]

SET_UP = "/account/two-factor/set-up/"
VERIFY = "/account/two-factor/verify/"
BACKUP = "/account/two-factor/backup-code/"
BACKUP_CODES = "/account/two-factor/backup-codes/"
# Pages of several apps, public and staff-only, and the Django admin.
STAFF_URLS = [
    "/",
    "/account/",
    "/cases/",
    "/cases/moderation/",
    "/events/",
    "/peer-challenge/",
    "/programme/",
    "/account/people/",
    "/django-admin/",
]


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or `steps_ahead` 30-second steps later)."""
    device.refresh_from_db()
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.time = time.time() + steps_ahead * device.step
    return f"{clock.token():06d}"


def authenticator_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def skip_throttle_delay(device: TOTPDevice) -> None:
    """django-otp refuses any code for 1, 2, 4... seconds after a wrong one; move past that
    wait (keeping the count of failures) rather than sleep."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)


@pytest.fixture
def staff(user_with_role):
    return user_with_role(Role.FACILITATOR, email="staff@example.org")


def sign_in_with_password(client, email="staff@example.org"):
    return client.post("/account/sign-in/", {"username": email, "password": TEST_PASSWORD})


# Enforcement --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_without_an_authenticator_are_sent_to_set_one_up_from_any_page(client, staff, url):
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SET_UP}?next={quote(url, safe='')}"


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_with_an_authenticator_are_asked_for_its_code_on_any_page(client, staff, url):
    authenticator_for(staff)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote(url, safe='')}"


@pytest.mark.parametrize("role", [Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_every_staff_role_needs_the_second_factor(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get("/account/")["Location"].startswith(SET_UP)


def test_django_staff_without_a_role_need_it_too(client, user_with_role):
    client.force_login(user_with_role(Role.MEMBER, is_staff=True))
    assert client.get("/django-admin/")["Location"].startswith(SET_UP)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_members_and_champions_are_never_asked(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get("/account/").status_code == 200
    assert client.get(SET_UP).status_code == 403


def test_sign_out_static_files_and_healthz_stay_open(client, staff):
    client.force_login(staff)
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/static/does-not-exist.css").status_code == 404
    assert client.post("/account/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_api_answers_403_to_an_unverified_staff_session(client, staff):
    client.force_login(staff)
    response = client.get("/api/v1/places")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "authenticator" in response.json()["detail"]


def test_the_setting_turned_off_asks_nobody(client, staff, settings):
    settings.HUB_STAFF_TWO_FACTOR = False
    client.force_login(staff)
    assert client.get("/account/").status_code == 200


# Setting up ---------------------------------------------------------------------------------


def _secret_from(html: str) -> str:
    return re.search(r'data-testid="authenticator-secret">([A-Z2-7 ]+)<', html).group(1)


def test_setting_up_shows_a_qr_code_image_and_the_secret_in_groups_of_four(client, staff):
    client.force_login(staff)
    html = client.get(SET_UP).content.decode()
    assert '<img class="hub-qr-code" src="data:image/svg+xml;' in html
    secret = _secret_from(html)
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", secret)
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    # The same secret until it is confirmed, so a reload does not break a half-done set-up.
    assert _secret_from(client.get(SET_UP).content.decode()) == secret


def test_a_wrong_code_at_set_up_shows_the_error_summary(client, staff):
    client.force_login(staff)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The code is not right or has been used" in html
    assert "<title>Error: " in html
    assert not TOTPDevice.objects.get(user=staff).confirmed
    response = client.post(SET_UP, {"code": "12ab"})
    assert "Enter the code as 6 digits" in response.content.decode()


def test_setting_up_confirms_the_app_and_shows_ten_backup_codes_once(client, staff):
    client.force_login(staff)
    client.get(f"{SET_UP}?next=/events/")
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(f"{SET_UP}?next=/events/", {"code": code_for(device)})
    assert response["Location"] == f"{BACKUP_CODES}?next=%2Fevents%2F"
    page = client.get(response["Location"])
    codes = re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())
    assert len(codes) == 10 == len(set(codes))
    assert 'href="/events/"' in page.content.decode()
    assert client.get(BACKUP_CODES)["Location"] == "/account/"  # not shown again
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/events/").status_code == 200  # this session is verified


def test_an_authenticator_in_use_is_not_replaced_without_its_code(client, staff):
    existing = authenticator_for(staff)
    client.force_login(staff)
    assert client.get(SET_UP)["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=staff)) == [existing]


def test_a_verified_person_can_replace_their_authenticator(client, staff):
    old = authenticator_for(staff)
    client.force_login(staff)
    client.post(VERIFY, {"code": code_for(old)})
    assert "This replaces the authenticator app you use now" in client.get(SET_UP).content.decode()
    new = TOTPDevice.objects.get(user=staff, confirmed=False)
    client.post(SET_UP, {"code": code_for(new)})
    assert list(TOTPDevice.objects.filter(user=staff)) == [new]


# Signing in -------------------------------------------------------------------------------


def test_staff_enter_the_code_after_the_password(client, staff):
    device = authenticator_for(staff)
    signed_in = client.get(sign_in_with_password(client)["Location"])
    assert signed_in["Location"] == f"{VERIFY}?next=%2Faccount%2F"
    page = client.get(signed_in["Location"])
    html = page.content.decode()
    assert "Enter the code from your authenticator app" in html
    assert 'href="/account/two-factor/backup-code/?next=/account/"' in html
    assert 'autocomplete="one-time-code"' in html
    response = client.post(signed_in["Location"], {"code": code_for(device)})
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_shows_the_error_summary(client, staff):
    authenticator_for(staff)
    client.force_login(staff)
    response = client.post(VERIFY, {"code": "000000"})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_code"' in html
    assert "The code is not right or has been used" in html
    assert client.get("/account/")["Location"].startswith(VERIFY)


def test_a_code_cannot_be_used_twice(client, staff):
    device = authenticator_for(staff)
    code = code_for(device)
    client.force_login(staff)
    assert client.post(VERIFY, {"code": code})["Location"] == "/account/"
    client.post("/account/sign-out/")
    client.force_login(staff)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "The code is not right or has been used" in response.content.decode()
    # The app's next code is accepted.
    skip_throttle_delay(device)
    assert client.post(VERIFY, {"code": code_for(device, steps_ahead=1)}).status_code == 302


def test_a_next_address_elsewhere_is_ignored(client, staff):
    device = authenticator_for(staff)
    client.force_login(staff)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/account/"


def test_five_wrong_codes_lock_the_second_factor(client, staff):
    device = authenticator_for(staff)
    client.force_login(staff)
    for _ in range(5):
        skip_throttle_delay(device)
        client.post(VERIFY, {"code": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 5
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "You have entered a wrong code too many times" in response.content.decode()
    assert client.get("/account/")["Location"].startswith(VERIFY)
    # Backup codes are locked too: they are not a way round the lock.
    StaticDevice.objects.create(user=staff, name="Backup codes").token_set.create(token="abcd2345")
    response = client.post(BACKUP, {"code": "abcd2345"})
    assert "You have entered a wrong code too many times" in response.content.decode()


def test_the_lock_ends_after_15_minutes(client, staff):
    from datetime import timedelta

    from django.utils import timezone

    device = authenticator_for(staff)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5,
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=16),
    )
    client.force_login(staff)
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == "/account/"


def test_django_otp_throttling_is_on(staff):
    device = authenticator_for(staff)
    assert device.verify_token("000000") is False
    # Straight after a wrong code even the right one is refused (django-otp's 1 s wait).
    assert device.verify_token(code_for(device)) is False
    assert device.verify_is_allowed()[0] is False


def test_a_backup_code_works_once(client, staff):
    authenticator_for(staff)
    backup = StaticDevice.objects.create(user=staff, name="Backup codes")
    backup.token_set.create(token="abcd2345")
    client.force_login(staff)
    assert "Enter a backup code" in client.get(BACKUP).content.decode()
    assert client.post(BACKUP, {"code": "ABCD 2345"})["Location"] == "/account/"
    assert not StaticToken.objects.filter(device=backup).exists()
    client.post("/account/sign-out/")
    client.force_login(staff)
    response = client.post(BACKUP, {"code": "abcd2345"})
    assert "The backup code is not right or has been used" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


# The account page and the admin's reset -----------------------------------------------------


def test_the_account_page_shows_the_status_and_makes_new_backup_codes(client, staff):
    client.force_login(staff)
    client.get(SET_UP)
    client.post(SET_UP, {"code": code_for(TOTPDevice.objects.get(user=staff))})
    client.get(BACKUP_CODES)
    html = client.get("/account/").content.decode()
    assert "Two-factor authentication" in html
    assert 'govuk-tag--green">On<' in html
    assert "10 left" in html
    old = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    response = client.post(BACKUP_CODES)
    assert response["Location"] == BACKUP_CODES
    new = re.findall(r"<li><code>(\w+)</code></li>", client.get(BACKUP_CODES).content.decode())
    assert len(new) == 10
    assert not old & set(new)
    assert set(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    ) == set(new)


def test_members_see_no_two_factor_section(client, user_with_role):
    client.force_login(user_with_role(Role.MEMBER))
    assert "Two-factor authentication" not in client.get("/account/").content.decode()


def test_a_programme_admin_resets_someones_authenticator(client, staff, user_with_role):
    from django.test import Client

    device = authenticator_for(staff)
    StaticDevice.objects.create(user=staff, name="Backup codes")
    staff_client = Client()
    staff_client.force_login(staff)
    staff_client.post(VERIFY, {"code": code_for(device)})
    assert staff_client.get("/account/").status_code == 200

    admin = user_with_role(Role.PROGRAMME_ADMIN)
    authenticator_for(admin)
    client.force_login(admin)
    client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=admin))})
    roles_page = client.get(f"/account/people/{staff.pk}/roles/").content.decode()
    assert "Reset two-factor authentication" in roles_page
    response = client.post(f"/account/people/{staff.pk}/two-factor/reset/", follow=True)
    assert f"Two-factor authentication reset for {staff}" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    # Their session loses its second factor at once: they set up a new authenticator.
    assert staff_client.get("/account/")["Location"].startswith(SET_UP)


def test_only_a_programme_admin_can_reset_an_authenticator(client, staff, user_with_role):
    authenticator_for(staff)
    editor = user_with_role(Role.EDITOR)
    client.force_login(editor)
    client.post(VERIFY, {"code": code_for(authenticator_for(editor))})
    assert client.get("/account/").status_code == 200  # a verified editor...
    assert client.post(f"/account/people/{staff.pk}/two-factor/reset/").status_code == 403
    assert client.get(f"/account/people/{staff.pk}/roles/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()
