"""A demo request for erasure waiting in the programme admins' queue: a former officer of
Leeds City Council, whose account cannot sign in (inactive, with no password)."""

from hub.accounts.models import User
from hub.privacy.services import erasure_request_create, waiting_request_of

EMAIL = "sam.leaving@example.org"


def seed_privacy(summary) -> None:
    user, created = User.objects.get_or_create(
        email=EMAIL, defaults={"full_name": "Sam Leaving", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    summary.add("accounts", created)
    waiting = waiting_request_of(user) is None
    if waiting:
        erasure_request_create(user=user, reason="I have left local government.")
    summary.add("erasure requests", waiting)
