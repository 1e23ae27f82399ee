"""Fuzzing the events' invitation list upload: rows valid and hostile, files whole and
damaged, read and then invited; all or nothing, each problem naming its row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given
from hypothesis import strategies as st

from hub.accounts.roles import Role
from hub.core.tests.fuzzing import FUZZ, ImportOutcomes, csv_text, damaged, spoiled
from hub.events.invite_csv import InviteListError, read_invitees, with_accounts
from hub.events.models import Invitation
from hub.events.services import EventsError, invite_many
from hub.events.tests.factories import EventFactory

COLUMNS = ["name", "email", "organisation"]
# An address Django's validator accepts (up to 320 characters) but longer than the 254 an
# email column holds.
LONG_EMAIL = "a@" + ".".join(["b" * 60] * 5) + ".org"


@st.composite
def invitee(draw):
    values = {
        "name": draw(st.text(min_size=1, max_size=30).filter(str.strip)),
        "email": f"{draw(st.sampled_from(['ann', 'bob', 'cy', 'Ann']))}@example.org",
        "organisation": draw(st.sampled_from(["", "Fuzz Borough Council"])),
    }
    return spoiled(draw, values, COLUMNS)


@st.composite
def invite_file(draw):
    header = draw(st.sampled_from([COLUMNS, ["Email", "Name"], ["name"], COLUMNS + ["x"]]))
    rows = draw(st.lists(invitee(), max_size=4, unique_by=lambda row: row["email"].lower()))
    return draw(
        damaged(csv_text(header, [[row.get(c.lower(), "") for c in header] for row in rows]))
    )


@pytest.mark.django_db
def test_an_invitation_list_is_invited_all_or_nothing_and_each_problem_names_its_row(
    user_with_role,
):
    facilitator = user_with_role(Role.FACILITATOR)

    @FUZZ
    @given(data=invite_file())
    @example(data=csv_text(COLUMNS, [["Ann", "ann@example.org", ""]]).encode())  # invited
    # An address over the email column's 254 characters once crashed the write on PostgreSQL.
    @example(data=csv_text(COLUMNS, [["Ann", LONG_EMAIL, ""]]).encode())
    def check(data):
        event = EventFactory()
        upload = SimpleUploadedFile("invitees.csv", data, content_type="text/csv")

        def invite_from_file():
            invitees = read_invitees(upload, event=event)
            return invite_many(event, with_accounts(invitees), invited_by=facilitator)

        invitations = outcomes.run(invite_from_file)
        if invitations is None:
            return
        assert sorted(i.email for i in Invitation.objects.filter(event=event)) == sorted(
            i.email for i in invitations
        )

    outcomes = ImportOutcomes("events", error=(InviteListError, EventsError))
    check()
    outcomes.assert_both_paths()
