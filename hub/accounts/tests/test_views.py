import re

import pytest
from django.core import mail
from django.http import HttpRequest

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_password(client):
    user = UserFactory(email="leader@example.org")
    response = client.post(
        "/account/sign-in/", {"username": "leader@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get("/account/").context["user"] == user


def test_a_wrong_password_shows_the_error_summary(client):
    UserFactory(email="leader@example.org")
    response = client.post(
        "/account/sign-in/", {"username": "leader@example.org", "password": "no"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a correct email address and password" in html
    assert response.context["form"].errors
    assert "<title>Error: Sign in" in html


def test_an_empty_sign_in_names_each_missing_field(client):
    html = client.post("/account/sign-in/", {}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_sign_out_needs_a_post(client, user_with_role):
    client.force_login(user_with_role())
    assert client.get("/account/sign-out/").status_code == 405
    assert client.post("/account/sign-out/").status_code == 302
    assert client.get("/account/").status_code == 302


def test_register_creates_a_member_and_signs_them_in(client):
    response = client.post(
        "/account/create/",
        {
            "full_name": "Pat Example",
            "email": "Pat@Example.org",
            "password": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="pat@example.org")
    assert user.has_role(Role.MEMBER)
    assert not user.has_role(Role.EDITOR)
    assert client.get("/account/").status_code == 200


def test_register_refuses_a_used_email_and_a_weak_password(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        "/account/create/",
        {"full_name": "Pat", "email": "TAKEN@example.org", "password": "password"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "An account already uses this email address" in errors["email"][0]
    assert errors["password"]
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_password_reset_sends_a_link_that_works_once(client):
    UserFactory(email="reset@example.org")
    response = client.post("/account/password/reset/", {"email": "reset@example.org"})
    assert response["Location"] == "/account/password/reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", mail.outbox[0].body).group(
        1
    )
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert done["Location"] == "/account/password/reset/complete/"
    # AxesStandaloneBackend, first of the backends, needs the request it throttles.
    assert client.login(
        request=HttpRequest(), username="reset@example.org", password="a-brand-new-passphrase"
    )
    client.logout()
    reused = client.get(link, follow=True)
    assert b"This link has expired or been used" in reused.content


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/account/password/reset/sent/"
    assert mail.outbox == []


def test_people_list_filters_by_role_and_name(client_as, user_with_role):
    user_with_role(Role.EDITOR, full_name="Edith Editor")
    user_with_role(Role.CHAMPION, full_name="Chris Champion")
    client = client_as(Role.PROGRAMME_ADMIN)
    html = client.get("/account/people/", {"role": "editor"}).content.decode()
    assert "Edith Editor" in html
    assert "Chris Champion" not in html
    html = client.get("/account/people/", {"q": "chris"}).content.decode()
    assert "Chris Champion" in html
    assert "Edith Editor" not in html


def test_an_admin_cannot_remove_their_own_admin_role(client, user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    client.force_login(admin)
    response = client.post(f"/account/people/{admin.pk}/roles/", {"roles": ["editor"]})
    assert response.status_code == 200
    assert "You cannot remove your own programme admin role" in response.content.decode()
    assert User.objects.get(pk=admin.pk).has_role(Role.PROGRAMME_ADMIN)


def test_every_field_in_error_is_marked_for_sighted_users(client):
    html = client.post("/account/sign-in/", {"username": "", "password": ""}).content.decode()
    assert html.count("govuk-input--error") == 2
