"""Every protected view, for every role: allowed roles get the page, others are refused.

Visitors without an account are sent to sign in; signed-in users without the permission
get 403.
"""

import pytest

from hub.accounts.roles import Role

pytestmark = pytest.mark.django_db

ANONYMOUS = None
EVERY_ROLE = [ANONYMOUS, *Role]


def expected_status(role, allowed) -> int:
    if role in allowed:
        return 200
    return 302 if role is ANONYMOUS else 403


PROTECTED_PAGES = [
    ("/account/", set(Role)),
    ("/account/password/change/", set(Role)),
    ("/organisations/your-details/", set(Role)),
    ("/account/people/", {Role.PROGRAMME_ADMIN}),
]


@pytest.mark.parametrize("role", EVERY_ROLE, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize(("path", "allowed"), PROTECTED_PAGES, ids=[p for p, _ in PROTECTED_PAGES])
def test_protected_pages_admit_only_their_roles(client_as, role, path, allowed):
    response = client_as(role).get(path)
    assert response.status_code == expected_status(role, allowed)
    if role is ANONYMOUS:
        assert response["Location"].startswith("/account/sign-in/?next=")


@pytest.mark.parametrize("role", EVERY_ROLE, ids=lambda r: r or "anonymous")
def test_only_programme_admins_can_change_roles(client_as, role, user_with_role):
    target = user_with_role(Role.MEMBER)
    client = client_as(role)
    page = client.get(f"/account/people/{target.pk}/roles/")
    change = client.post(f"/account/people/{target.pk}/roles/", {"roles": ["editor"]})
    if role == Role.PROGRAMME_ADMIN:
        assert page.status_code == 200
        assert change.status_code == 302
        assert target.__class__.objects.get(pk=target.pk).has_role(Role.EDITOR)
    else:
        assert page.status_code == expected_status(role, set())
        assert change.status_code == expected_status(role, set())
        assert not target.__class__.objects.get(pk=target.pk).has_role(Role.EDITOR)


def test_staff_predicates_include_programme_admins(user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    editor = user_with_role(Role.EDITOR)
    member = user_with_role(Role.MEMBER)
    from hub.accounts.rules import is_editor, is_facilitator, is_programme_staff

    assert is_editor(admin)
    assert is_facilitator(admin)
    assert is_programme_staff(admin)
    assert is_editor(editor)
    assert not is_facilitator(editor)
    assert not is_programme_staff(member)


def test_a_closed_account_holds_no_role(user_with_role):
    admin = user_with_role(Role.PROGRAMME_ADMIN, is_active=False)
    assert not admin.has_perm("accounts.manage_roles")
