"""networks/csv_export.py: cells a spreadsheet would run are neutralised, and the CSV
parses back to what went in."""

import csv
import io

import pytest

from networks.csv_export import csv_response, neutralise, safe_filename


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+44 1234", "'+44 1234"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        (None, ""),
        (12, "12"),
    ],
)
def test_it_neutralises_cells_that_begin_like_formulas(value, written):
    assert neutralise(value) == written


def test_the_response_streams_a_csv_that_parses_back():
    rows = [["Title", "Note"], ['=HYPERLINK("x")', "line one\nline two"], ["Café, “quoted”", ""]]
    response = csv_response(rows, "Essex plan/2026?.csv")
    assert response["Content-Disposition"] == 'attachment; filename="Essex-plan-2026-.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Title", "Note"],
        ['\'=HYPERLINK("x")', "line one\nline two"],
        ["Café, “quoted”", ""],
    ]


def test_a_filename_is_never_empty():
    assert safe_filename("///") == "export"
