"""Reading a facilitator's CSV list of invitees: every row is checked before anyone is
invited, and each problem names its row (the header is row 1) and what to do about it.

Columns: name, email, organisation (organisation may be blank). UTF-8, with or without a
byte order mark; headings in any case and order; other columns are ignored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, replace

from hub.core.importing import email_problem
from hub.core.uploads import UploadRefused, csv_upload_text
from hub.events.models import Event
from hub.events.services import Invitee

MAX_BYTES = 200 * 1024
MAX_ROWS = 500
MAX_PROBLEMS_SHOWN = 20
COLUMNS = ("name", "email", "organisation")


class InviteListError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    @property
    def shown(self) -> list[str]:
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        tail = (
            [f"And {more} more problems: fix these and upload the file again"] if more > 0 else []
        )
        return self.problems[:MAX_PROBLEMS_SHOWN] + tail


def _text(upload) -> str:
    try:
        return csv_upload_text(upload, max_bytes=MAX_BYTES)
    except UploadRefused as refused:
        raise InviteListError([str(refused)]) from refused


def _row(line: int, raw: dict, problems: list[str], first_seen: dict[str, int]) -> Invitee:
    def value(column: str) -> str:
        return (raw.get(column) or "").strip()

    name, email, organisation = value("name"), value("email").lower(), value("organisation")
    label = f"Row {line}"
    if not name:
        problems.append(f"{label}: enter a name")
    elif len(name) > 200:
        problems.append(f"{label}: the name must be 200 characters or fewer")
    if problem := email_problem(email, line=line, seen=first_seen):
        problems.append(f"{label}: {problem}")
    if len(organisation) > 200:
        problems.append(f"{label}: the organisation must be 200 characters or fewer")
    return Invitee(full_name=name, email=email, organisation_name=organisation)


def _reader(upload) -> csv.DictReader:
    """A reader of the file's rows, its headings checked and made lower case."""
    reader = csv.DictReader(io.StringIO(_text(upload), newline=""))
    try:
        headings = [heading.strip().lower() for heading in reader.fieldnames or []]
    except csv.Error as error:
        raise InviteListError([f"Row 1: the file cannot be read as CSV ({error})"]) from error
    missing = [column for column in COLUMNS[:2] if column not in headings]
    if missing:
        raise InviteListError(
            [
                "Row 1: the first row must be the headings name, email, organisation "
                f"(missing: {', '.join(missing)})"
            ]
        )
    reader.fieldnames = headings
    return reader


def read_invitees(upload, *, event: Event) -> list[Invitee]:
    """The invitees in an uploaded file, or InviteListError listing every problem."""
    reader = _reader(upload)
    problems: list[str] = []
    invitees: list[Invitee] = []
    first_seen: dict[str, int] = {}
    try:
        for line, raw in enumerate(reader, start=2):
            if not any((cell or "").strip() for cell in raw.values() if isinstance(cell, str)):
                continue  # a blank line
            if len(invitees) >= MAX_ROWS:
                raise InviteListError([f"The file can have up to {MAX_ROWS} people in it"])
            invitees.append(_row(line, raw, problems, first_seen))
    except csv.Error as error:
        raise InviteListError([f"The file cannot be read as CSV ({error})"]) from error
    if not invitees and not problems:
        raise InviteListError(["The file has no people in it, only the heading row"])
    already = set(
        event.invitations.filter(email__in=list(first_seen)).values_list("email", flat=True)
    )
    for email, line in first_seen.items():
        if email in already:
            problems.append(f"Row {line}: {email} is already invited to this event")
    if problems:
        problems.sort(key=lambda problem: int(problem.split(":")[0].split()[1]))
        raise InviteListError(problems)
    return invitees


def to_session(invitees: list[Invitee]) -> list[dict]:
    return [asdict(invitee) for invitee in invitees]


def from_session(rows: list[dict]) -> list[Invitee]:
    return [Invitee(**row) for row in rows]


def with_accounts(invitees: list[Invitee]) -> list[Invitee]:
    """Link each invitee whose email is a Hub account's to that account and its person."""
    from django.contrib.auth import get_user_model
    from django.db.models.functions import Lower

    emails = [invitee.email for invitee in invitees]
    accounts = {
        user.email_lower: user
        for user in get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("person")
    }
    linked = []
    for invitee in invitees:
        user = accounts.get(invitee.email)
        person = getattr(user, "person", None) if user else None
        linked.append(
            replace(invitee, user_id=user.pk, person_id=person.pk if person else None)
            if user
            else invitee
        )
    return linked
