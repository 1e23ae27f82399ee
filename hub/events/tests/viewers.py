"""The five kinds of viewer every events page is tested against, signed in on a test client.

`sign_in_as(client, "attendee", event)` makes the account, gives it what the name says on
`event`, signs it in and returns it (None for the public, who stay signed out).
"""

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events.models import PlaceStatus
from hub.events.tests.factories import InvitationFactory

PUBLIC = "public"
UNINVITED = "uninvited member"
ATTENDEE = "attendee"
FACILITATOR = "facilitator of the event"
ADMIN = "programme admin"
VIEWERS = (PUBLIC, UNINVITED, ATTENDEE, FACILITATOR, ADMIN)


def sign_in_as(client, viewer: str, event):
    client.logout()
    if viewer == PUBLIC:
        return None
    if viewer == FACILITATOR:
        user = UserFactory(roles=[Role.FACILITATOR])
        event.facilitators.add(user)
    elif viewer == ADMIN:
        user = UserFactory(roles=[Role.PROGRAMME_ADMIN])
    else:
        user = UserFactory()
    if viewer == ATTENDEE:
        InvitationFactory(event=event, user=user, status=PlaceStatus.ACCEPTED)
    client.force_login(user)
    return user


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and "/sign-in" in response["Location"]
