import csv
import io

from hub.core.csv_export import csv_response


def read(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_csv_response_streams_headings_and_rows():
    response = csv_response(
        filename="things.csv",
        columns=[("name", lambda row: row["name"]), ("count", lambda row: row["count"])],
        rows=[{"name": "Bristol", "count": 3}, {"name": "Leeds", "count": None}],
    )
    assert response["Content-Disposition"] == 'attachment; filename="things.csv"'
    assert read(response) == [["name", "count"], ["Bristol", "3"], ["Leeds", ""]]


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused():
    response = csv_response(
        filename="x.csv",
        columns=[("value", lambda row: row)],
        rows=["=HYPERLINK(1)", "+1", "plain"],
    )
    assert read(response)[1:] == [["'=HYPERLINK(1)"], ["'+1"], ["plain"]]


def test_numbers_stay_numbers_even_when_negative():
    from decimal import Decimal

    response = csv_response(
        filename="x.csv",
        columns=[("value", lambda row: row)],
        rows=[-0.5, -3, Decimal("-1.25"), "-1.25"],
    )
    # Only the text "-1.25" could be typed by a person, so only it is defused.
    assert read(response)[1:] == [["-0.5"], ["-3"], ["-1.25"], ["'-1.25"]]
