"""Forms of the matching pages: a leader's problem, and a cohort for a batch match."""

import csv
import io

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from hub.champions.matching import MenteeNeed
from hub.core.forms import GDSFormMixin
from hub.core.importing import email_problem
from hub.core.uploads import UploadRefused, csv_upload_text

MAX_COHORT = 300
MAX_BYTES = 200 * 1024
COLUMNS = ("name", "email", "organisation", "problem")
MAX_PROBLEMS_SHOWN = 10


class ProblemForm(GDSFormMixin, forms.Form):
    submit_text = "Find champions"

    problem = forms.CharField(
        label="What do you want help with?",
        help_text=(
            "Describe the problem in a few sentences: the service, what goes wrong and what "
            "you have tried. For example: residents phone us about missed bin collections."
        ),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what you want help with"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("problem", label_tag="h1", label_size=Size.LARGE, rows=5)
        )

    def clean_problem(self) -> str:
        problem = " ".join(self.cleaned_data["problem"].split())
        if len(problem) < 10:
            raise ValidationError("Describe the problem in at least 10 characters")
        return problem


class CohortForm(GDSFormMixin, forms.Form):
    """A cohort as a CSV file or pasted: a header row, then name, email, organisation, problem."""

    submit_text = "Match the cohort"

    file = forms.FileField(
        label="Upload a CSV file",
        required=False,
        help_text=f"Up to {MAX_COHORT} mentees and {MAX_BYTES // 1024} KB.",
    )
    pasted = forms.CharField(
        label="Or paste the rows",
        required=False,
        widget=forms.Textarea,
        help_text="Copy the cells from a spreadsheet, with the heading row first.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("file"), Field.textarea("pasted", rows=8))

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("pasted") or "").strip()
        if upload is None and not pasted:
            raise ValidationError("Upload a CSV file or paste the rows")
        if upload is not None:
            try:
                text = csv_upload_text(upload, max_bytes=MAX_BYTES)
            except UploadRefused as refused:
                raise ValidationError(str(refused)) from refused
        else:
            text = pasted
        cleaned["mentees"] = read_cohort(text)
        return cleaned


def _dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if "\t" in first else ","


def read_cohort(text: str) -> list[MenteeNeed]:
    """The cohort's mentees, or a ValidationError naming each row's problem (header is row 1)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    try:
        headings = [(heading or "").strip().lower() for heading in reader.fieldnames or []]
    except csv.Error as error:
        raise ValidationError(f"Row 1 cannot be read as CSV ({error})") from error
    missing = [column for column in COLUMNS if column not in headings]
    if missing:
        raise ValidationError(
            "Row 1 must be the headings name, email, organisation, problem "
            f"(missing: {', '.join(missing)})"
        )
    reader.fieldnames = headings
    mentees: list[MenteeNeed] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    try:
        for line, raw in enumerate(reader, start=2):
            row = {key: (value or "").strip() for key, value in raw.items() if key in COLUMNS}
            if not any(row.values()):
                continue
            if len(mentees) >= MAX_COHORT:
                raise ValidationError(f"A cohort can have up to {MAX_COHORT} mentees")
            problems.extend(_row_problems(line, row, seen))
            mentees.append(
                MenteeNeed(
                    key=row["email"].lower() or f"row-{line}",
                    name=row["name"],
                    email=row["email"].lower(),
                    organisation=row["organisation"],
                    problem=row["problem"],
                )
            )
    except csv.Error as error:
        raise ValidationError(f"The rows cannot be read as CSV ({error})") from error
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"And {len(problems) - MAX_PROBLEMS_SHOWN} more problems")
        raise ValidationError(shown)
    if not mentees:
        raise ValidationError("There are no mentees, only the heading row")
    return mentees


def _row_problems(line: int, row: dict[str, str], seen: dict[str, int]) -> list[str]:
    problems = []
    if not row["name"]:
        problems.append(f"Row {line}: enter a name")
    if problem := email_problem(row["email"].lower(), line=line, seen=seen):
        problems.append(f"Row {line}: {problem}")
    if len(row["problem"]) < 10:
        problems.append(f"Row {line}: describe the problem in at least 10 characters")
    return problems
