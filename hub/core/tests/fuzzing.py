"""Shared parts of the importers' fuzz tests (hub/<app>/tests/test_fuzz_*.py).

Each importer is given files that mix valid rows with hostile ones and whole-file damage
(wrong encodings, byte order marks, NUL bytes, truncation, nothing at all); it must either
import the file or raise its own error naming each row and field at fault, having written
nothing to any table.
"""

import csv
import io
import re

from django.apps import apps
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\r\n",
    '"',
    "nan",
    "inf",
    "-inf",
    "1e400",
    "-1",
    "0",
    "1.5",
    "9" * 40,
    "2026-02-30",
    "31/12/2026",
    "True",
    '=HYPERLINK("http://x")',
    "'; DROP TABLE x; --",
    "\u202eevil",
    "\U0001f600" * 3,
    "x" * 6000,
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=20),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
)

# Whole-file damage, applied to the file's text as it is encoded.
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def damaged(draw, text: str) -> bytes:
    """The file's bytes, in a drawn encoding and perhaps cut short or with a NUL in them."""
    data = encode(text, draw(st.sampled_from(ENCODINGS)))
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "nul", "empty"]))
    if damage == "truncate" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "nul" and data:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "empty":
        data = b""
    return data


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def table_counts(*app_labels: str, ignore: tuple[str, ...] = ()) -> dict[str, int]:
    """The row count of every table of the apps an importer writes to (of every app if none
    is named), but those in `ignore`: an import that fails must leave all of them as they were."""
    models = (
        [model for label in app_labels for model in apps.get_app_config(label).get_models()]
        if app_labels
        else apps.get_models()
    )
    return {
        model._meta.label: model._default_manager.count()
        for model in models
        if model._meta.label not in ignore
    }


ROW_AND_FIELD = re.compile(r"^Row \d+( \(.*\))?, field '[^']+': ")
WHOLE_FILE = re.compile(
    r"^(Row 1 \(header\)|Row \d+: |There is no file|.*\b(file|File)\b|.* has no rows)"
)


def assert_names_row_and_field(problems: list[str]) -> None:
    """Each problem names its row and field, or else is about the whole file."""
    assert problems
    for problem in problems:
        assert ROW_AND_FIELD.match(problem) or WHOLE_FILE.match(problem), problem


def spoiled(draw, valid: dict, columns: list[str]) -> dict:
    """The row, with one field in four rows replaced by a hostile value."""
    if draw(st.integers(0, 3)) == 0:
        valid[draw(st.sampled_from(columns))] = draw(hostile_text)
    return valid


class ImportOutcomes:
    """Runs each drawn file's import and checks it kept the all-or-nothing rule; afterwards,
    `assert_both_paths` checks the drawn files were both imported and refused."""

    def __init__(self, *app_labels: str, error, ignore: tuple[str, ...] = ()):
        self.app_labels, self.error, self.ignore, self.seen = app_labels, error, ignore, set()

    def counts(self) -> dict[str, int]:
        return table_counts(*self.app_labels, ignore=self.ignore)

    def run(self, do_import):
        """The import's result, or None when it refused the file (with a clear error, having
        written nothing)."""
        before = self.counts()
        try:
            result = do_import()
        except self.error as error:
            assert self.counts() == before
            assert_names_row_and_field(getattr(error, "problems", None) or [str(error)])
            self.seen.add("refused")
            return None
        self.seen.add("imported")
        return result

    def assert_both_paths(self):
        assert self.seen == {"imported", "refused"}, f"the drawn files only took {self.seen}"
