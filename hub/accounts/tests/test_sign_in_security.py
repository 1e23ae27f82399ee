"""Sign-in throttling (django-axes), secure password reset and session expiry."""

import re
from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.core import checks, mail
from django.core.cache import cache

from hub.accounts.checks import staff_two_factor_in_production
from hub.accounts.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY
from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"
EMAIL = "leader@example.org"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, password, *, ip="10.0.0.1", email=EMAIL):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail(client, times, **kwargs):
    """Wrong passwords: the form again for the first 4, the lockout page from the 5th."""
    for attempt in range(1, times + 1):
        response = _sign_in(client, "not-the-password", **kwargs)
        assert response.status_code == (200 if attempt < 5 else 429)


# Sign-in throttling ---------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_right_one_out_with_the_lockout_page(client):
    UserFactory(email=EMAIL)
    _fail(client, 5)
    response = _sign_in(client, TEST_PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "You cannot sign in for 15 minutes" in html
    assert 'href="/account/password/reset/"' in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client):
    UserFactory(email=EMAIL)
    _fail(client, 4)
    assert _sign_in(client, TEST_PASSWORD).status_code == 302


def test_a_lockout_holds_for_one_address_only(client):
    UserFactory(email=EMAIL)
    _fail(client, 5, ip="10.0.0.1")
    assert _sign_in(client, TEST_PASSWORD, ip="10.0.0.1").status_code == 429
    assert _sign_in(client, TEST_PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_lockout_holds_for_one_email_address_only(client):
    UserFactory(email=EMAIL)
    UserFactory(email="other@example.org")
    _fail(client, 5)
    assert _sign_in(client, TEST_PASSWORD, email="other@example.org").status_code == 302


def test_a_success_resets_the_count_of_failures(client):
    UserFactory(email=EMAIL)
    _fail(client, 4)
    assert _sign_in(client, TEST_PASSWORD).status_code == 302
    client.post("/account/sign-out/")
    _fail(client, 4)
    assert _sign_in(client, TEST_PASSWORD).status_code == 302


def test_the_lockout_ends_after_15_minutes(client):
    UserFactory(email=EMAIL)
    _fail(client, 5)
    assert _sign_in(client, TEST_PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=16))
    assert _sign_in(client, TEST_PASSWORD).status_code == 302


# Password reset --------------------------------------------------------------------------


def _reset_link(message) -> str:
    return re.search(r"http://testserver(/account/password/reset/\S+/)", message.body).group(1)


def _reset_password(client, link, password="a-brand-new-passphrase"):  # noqa: S107
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert done["Location"] == "/account/password/reset/complete/"


def test_the_reset_page_is_the_same_whether_or_not_an_account_exists(client):
    UserFactory(email="known@example.org")
    known = client.post("/account/password/reset/", {"email": "known@example.org"}, follow=True)
    unknown = client.post("/account/password/reset/", {"email": "nobody@example.org"}, follow=True)
    assert (
        known.redirect_chain == unknown.redirect_chain == [("/account/password/reset/sent/", 302)]
    )

    def main(response):  # the page without its CSRF token, which differs every time
        html = response.content.decode()
        return re.sub(
            r'value="[^"]+" name="csrfmiddlewaretoken"|csrfmiddlewaretoken[^>]+', "", html
        )

    assert main(known) == main(unknown)
    assert len(mail.outbox) == 1


def test_the_reset_email_says_the_link_lasts_an_hour(client, settings):
    UserFactory(email="reset@example.org")
    client.post("/account/password/reset/", {"email": "reset@example.org"})
    assert "lasts 1 hour" in mail.outbox[0].body
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60


def test_a_reset_link_expires_after_an_hour(client, settings):
    from django.contrib.auth.tokens import default_token_generator

    UserFactory(email="reset@example.org")
    client.post("/account/password/reset/", {"email": "reset@example.org"})
    link = _reset_link(mail.outbox[0])
    now = datetime.now()
    # Django's token generator reads the clock through its own _now().
    default_token_generator._now = lambda: now + timedelta(minutes=61)
    try:
        page = client.get(link, follow=True)
    finally:
        del default_token_generator._now
    assert b"This link has expired or been used" in page.content


def test_reset_requests_are_limited_to_three_an_hour_for_one_address(client):
    UserFactory(email="reset@example.org")
    for _ in range(5):
        response = client.post("/account/password/reset/", {"email": "reset@example.org"})
        assert response["Location"] == "/account/password/reset/sent/"
    assert len(mail.outbox) == 3
    client.post("/account/password/reset/", {"email": "someone-else@example.org"})
    UserFactory(email="other@example.org")
    client.post("/account/password/reset/", {"email": "other@example.org"})
    assert len(mail.outbox) == 4


def test_a_reset_ends_the_other_sessions_of_that_person(client, django_user_model):
    from django.test import Client

    user = UserFactory(email="reset@example.org")
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get("/account/").status_code == 200
    client.post("/account/password/reset/", {"email": "reset@example.org"})
    _reset_password(client, _reset_link(mail.outbox[0]))
    response = elsewhere.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_reset_clears_the_sign_in_lockout(client):
    UserFactory(email=EMAIL)
    _fail(client, 5)
    assert _sign_in(client, TEST_PASSWORD).status_code == 429
    client.post("/account/password/reset/", {"email": EMAIL})
    _reset_password(client, _reset_link(mail.outbox[0]))
    assert _sign_in(client, "a-brand-new-passphrase").status_code == 302


# Session expiry --------------------------------------------------------------------------


def _age_session(client, *, idle_minutes=0, signed_in_minutes=0):
    session = client.session
    session[LAST_ACTIVITY_KEY] -= idle_minutes * 60
    session[SIGNED_IN_AT_KEY] -= signed_in_minutes * 60
    session.save()


def test_sixty_minutes_without_a_request_signs_a_person_out(client, user_with_role):
    client.force_login(user_with_role())
    _age_session(client, idle_minutes=61, signed_in_minutes=61)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=%2Faccount%2F"
    sign_in = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not done anything for 60 minutes" in sign_in
    # Said once only.
    assert "had not done anything" not in client.get(SIGN_IN).content.decode()
    assert client.get("/account/")["Location"].startswith("/account/sign-in/")


def test_a_request_within_the_hour_keeps_the_session(client, user_with_role):
    client.force_login(user_with_role())
    _age_session(client, idle_minutes=59, signed_in_minutes=59)
    assert client.get("/account/").status_code == 200
    # That request counted as activity: another 59 minutes on, still signed in.
    _age_session(client, idle_minutes=59, signed_in_minutes=59)
    assert client.get("/account/").status_code == 200


def test_activity_is_written_at_most_once_a_minute(client, user_with_role):
    client.force_login(user_with_role())
    before = client.session[LAST_ACTIVITY_KEY]
    _age_session(client, idle_minutes=0)
    session = client.session
    session[LAST_ACTIVITY_KEY] = before - 30
    session.save()
    client.get("/account/")
    assert client.session[LAST_ACTIVITY_KEY] == before - 30  # not rewritten within a minute
    session = client.session
    session[LAST_ACTIVITY_KEY] = before - 61
    session.save()
    client.get("/account/")
    assert client.session[LAST_ACTIVITY_KEY] >= before


def test_twelve_hours_after_signing_in_a_person_is_signed_out_however_active(
    client, user_with_role
):
    client.force_login(user_with_role())
    _age_session(client, signed_in_minutes=12 * 60 + 1)
    response = client.get("/account/")
    assert response["Location"].startswith("/account/sign-in/")
    html = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for 12 hours" in html


def test_an_expired_api_session_is_simply_anonymous(client, user_with_role):
    client.force_login(user_with_role())
    _age_session(client, idle_minutes=61)
    response = client.get("/api/v1/places")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# Settings ----------------------------------------------------------------------------------


def test_production_refuses_to_run_without_staff_two_factor(settings):
    settings.HUB_ENVIRONMENT = "production"
    settings.HUB_STAFF_TWO_FACTOR = False
    errors = staff_two_factor_in_production(None)
    assert [error.id for error in errors] == ["hub.accounts.E001"]
    assert errors[0].level == checks.ERROR
    settings.HUB_STAFF_TWO_FACTOR = True
    assert staff_two_factor_in_production(None) == []
    settings.HUB_ENVIRONMENT = "local"
    settings.HUB_STAFF_TWO_FACTOR = False
    assert staff_two_factor_in_production(None) == []
