"""Fuzzing the batch match's cohort, uploaded or pasted: rows valid and hostile, files whole
and damaged. The form refuses with each problem naming its row, or the cohort is matched;
it never raises, and writes nothing either way."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given
from hypothesis import strategies as st

from hub.champions import matching
from hub.champions.forms_matching import COLUMNS, CohortForm
from hub.core.tests.fuzzing import FUZZ, csv_text, damaged, spoiled, table_counts

LONG_EMAIL = "a@" + ".".join(["b" * 60] * 5) + ".org"


@st.composite
def mentee(draw):
    values = {
        "name": draw(st.text(min_size=1, max_size=30).filter(str.strip)),
        "email": f"{draw(st.sampled_from(['ann', 'bob', 'cy']))}@example.org",
        "organisation": draw(st.sampled_from(["", "Fuzz Borough Council"])),
        "problem": draw(st.sampled_from(["Residents phone us about missed bins", "x" * 12])),
    }
    return spoiled(draw, values, list(COLUMNS))


@st.composite
def cohort(draw):
    header = draw(
        st.sampled_from(
            [list(COLUMNS)] * 3 + [["Email", "Name", "Problem", "Organisation"], ["name", "email"]]
        )
    )
    delimiter = draw(st.sampled_from([",", "\t"]))
    rows = draw(st.lists(mentee(), max_size=4, unique_by=lambda row: row["email"]))
    text = csv_text(header, [[row.get(c.lower(), "") for c in header] for row in rows])
    if delimiter == "\t":
        text = text.replace(",", "\t")
    return draw(st.booleans()), draw(damaged(text))


ROW_OR_FILE = ("Row ", "The ", "A cohort", "There are no", "Upload", "And ")


@pytest.mark.django_db
def test_a_cohort_is_matched_or_refused_with_each_problem_naming_its_row():
    @FUZZ
    @given(cohort=cohort())
    @example(
        cohort=(True, csv_text(list(COLUMNS), [["Ann", "a@example.org", "", "x" * 12]]).encode())
    )
    # An address longer than an email column holds is refused (it once passed).
    @example(cohort=(True, csv_text(list(COLUMNS), [["Ann", LONG_EMAIL, "", "x" * 12]]).encode()))
    @example(cohort=(False, b"name,email\n" + b"x" * 200_000))  # over the csv field limit
    @example(cohort=(True, b"x" * 200_000))  # a heading over it once crashed the reader
    def check(cohort):
        as_file, data = cohort
        before = table_counts()
        if as_file:
            form = CohortForm(data={}, files={"file": SimpleUploadedFile("c.csv", data)})
        else:
            form = CohortForm(data={"pasted": data.decode("utf-8", "replace")})
        if form.is_valid():
            mentees = form.cleaned_data["mentees"]
            assert mentees
            matching.batch_match(mentees)
            seen.add("matched")
        else:
            for message in form.errors["__all__"]:
                assert message.startswith(ROW_OR_FILE), message
            seen.add("refused")
        assert table_counts() == before

    seen = set()
    check()
    assert seen == {"matched", "refused"}
