"""Shared parts of the Hub's importers: validating CSV rows field by field, and reporting.

An importer reads and validates a whole file before it writes anything, collecting every
problem with the row and field it is in; then it writes in one transaction. A second run of
the same file changes nothing and says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MAX_PROBLEMS_SHOWN = 20
# The largest whole number every database's integer column holds.
MAX_WHOLE_NUMBER = 2**31 - 1
MAX_EMAIL_LENGTH = 254


class ImportFileError(Exception):
    """The file cannot be imported; `problems` names each row and field at fault."""

    def __init__(self, problems: list[str], *, what: str = "The file"):
        self.problems = problems
        shown = "\n".join(problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n...and {more} more problems" if more > 0 else ""
        super().__init__(f"{what} was not imported; nothing was written.\n{shown}{tail}")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    changed_keys: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def count(self, key: str, *, created: bool = False, changed: bool = False) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1
            return
        self.changed_keys.append(key)

    def __str__(self) -> str:
        verb = "Would create" if self.dry_run else "Created"
        text = f"{verb} {self.created}, updated {self.updated}, unchanged {self.unchanged}."
        if not self.changed_anything:
            text += " Nothing changed: the Hub already matches the file."
        return text


class RowReader:
    """Reads one CSV row's fields, recording a problem for each field at fault."""

    def __init__(self, line: int, raw: dict[str, str], problems: list[str], *, key_column: str):
        self.line, self.raw, self.problems = line, raw, problems
        key = (raw.get(key_column) or "").strip()
        self.label = f"Row {line}" + (f" ({key})" if key else "")

    def problem(self, column: str, message: str) -> None:
        self.problems.append(f"{self.label}, field '{column}': {message}")

    def text(self, column: str, *, required: bool = False, max_length: int = 200) -> str:
        value = (self.raw.get(column) or "").strip()
        if required and not value:
            self.problem(column, "is empty but is required")
        if len(value) > max_length:
            self.problem(column, f"is longer than {max_length} characters")
        return value

    def choice(self, column: str, allowed: Iterable[str], *, required: bool = True) -> str:
        value = self.text(column, required=required)
        if value and value not in allowed:
            self.problem(column, f"{value!r} is not one of: {', '.join(sorted(allowed))}")
        return value

    def date(self, column: str) -> dt.date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(column, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None

    def boolean(self, column: str) -> bool:
        value = self.text(column, required=True)
        if value not in {"True", "False"}:
            if value:
                self.problem(column, f"{value!r} is not True or False")
            return False
        return value == "True"

    def whole_number(
        self, column: str, *, required: bool = False, maximum: int = MAX_WHOLE_NUMBER
    ) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.problem(column, f"{value!r} is not a number")
            return None
        if not math.isfinite(number) or number < 0 or number != int(number):
            self.problem(column, f"{value[:40]!r} is not a whole number")
            return None
        if number > maximum:
            self.problem(column, f"{value[:40]!r} is larger than {maximum}")
            return None
        return int(number)


def decoded_text(data: bytes, *, what: str) -> str:
    """The file's text: UTF-8 (a byte order mark allowed) with no NUL byte, or an
    ImportFileError naming the row the first bad byte is in."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            [f"Row {line}: the file is not UTF-8 text (save it as CSV UTF-8)"], what=what
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError([f"Row {line}: the file has a NUL byte in it"], what=what)
    return text


def _read_csv(reader: csv.DictReader, what: str) -> Iterator[tuple[int, dict]]:
    line = 2
    try:
        for line, raw in enumerate(reader, start=2):
            yield line, raw
    except csv.Error as error:
        raise ImportFileError(
            [f"Row {line}: the file is not valid CSV ({error})"], what=what
        ) from None


@contextmanager
def csv_rows(
    path: Path, *, required_columns: set[str], what: str
) -> Iterator[Iterator[tuple[int, dict]]]:
    """Yield (line number, row) pairs, after checking the file and its header."""
    if not path.exists():
        raise ImportFileError([f"There is no file at {path}"], what=what)
    text = decoded_text(path.read_bytes(), what=what)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:
        raise ImportFileError(
            [f"Row 1 (header): the file is not valid CSV ({error})"], what=what
        ) from None
    missing = required_columns - set(fieldnames)
    if missing:
        raise ImportFileError(
            [f"Row 1 (header): the columns {', '.join(sorted(missing))} are missing"], what=what
        )
    yield _read_csv(reader, what)


class DryRunRollback(Exception):
    """Raised inside an import's transaction to undo a dry run."""


def email_problem(email: str, *, line: int, seen: dict[str, int]) -> str | None:
    """What is wrong with a list's email address, in the words a row's error gives after
    "Row N: " (missing, badly formed, or already in an earlier row); None when it is fine.
    `seen` maps each good address to its first row, and gains this one."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not email:
        return "enter an email address"
    if len(email) > MAX_EMAIL_LENGTH:  # the validator allows 320; an email column holds 254
        return f"the email address must be {MAX_EMAIL_LENGTH} characters or fewer"
    try:
        validate_email(email)
    except ValidationError:
        return "enter an email address in the correct format"
    if email in seen:
        return f"{email} is also in row {seen[email]}"
    seen[email] = line
    return None
