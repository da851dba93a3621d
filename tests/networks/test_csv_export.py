"""CSV exports: every text cell a spreadsheet would take for a formula is neutralised;
numbers and dates stay what they are. Checked by parsing the file back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from networks.csv_export import csv_response, neutralise


@pytest.mark.parametrize(
    "value, cell",
    [
        (
            '=HYPERLINK("http://evil.example","Click")',
            '\'=HYPERLINK("http://evil.example","Click")',
        ),
        ("+44 1234", "'+44 1234"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("  =1+1", "'  =1+1"),
        ("Oak Primary", "Oak Primary"),
        ("Year 6 = transition", "Year 6 = transition"),
        ("", ""),
        (None, ""),
        (True, "Yes"),
        (-5, -5),
        (Decimal("-2.50"), Decimal("-2.50")),
        (dt.date(2026, 1, 31), dt.date(2026, 1, 31)),
    ],
)
def test_it_neutralises_formula_cells(value, cell):
    assert neutralise(value) == cell


def parse(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_it_writes_a_download_that_parses_back_safely():
    response = csv_response(
        "Essex: partners!",
        ["=Name", "Amount"],
        [
            ["=cmd|' /C calc'!A0", Decimal("1500.50")],
            ['Ash Primary, "The" school\nsecond line', -3],
            ["@evil", dt.date(2026, 1, 31)],
        ],
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="essex-partners.csv"'
    rows = parse(response)
    assert rows == [
        ["'=Name", "Amount"],
        ["'=cmd|' /C calc'!A0", "1500.50"],
        ['Ash Primary, "The" school\nsecond line', "-3"],
        ["'@evil", "2026-01-31"],
    ]
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "@", "\t", "\r")) or cell[0] == "'"
