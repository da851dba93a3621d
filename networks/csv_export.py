"""CSV exports any app can offer, safe to open in a spreadsheet.

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which
some spreadsheets skip before reading a formula) is a formula to Excel, LibreOffice
and Google Sheets: a school name or a note typed as `=HYPERLINK("http://evil",
"Click")` would run when someone opens the file. Every text cell is neutralised by
a leading apostrophe (OWASP's advice), which spreadsheets show as plain text. Numbers,
dates and Decimals are written as they are: they cannot hold a formula, and a
negative number must stay a number.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SAFE_TYPES = (int, float, Decimal, dt.date)  # dt.datetime is a dt.date


def neutralise(value: Any) -> Any:
    """`value` made safe for a spreadsheet cell: text that a spreadsheet would read as
    a formula gets a leading apostrophe; None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, SAFE_TYPES):
        return value
    text = str(value)
    # Leading spaces do not stop some spreadsheets reading a formula after them.
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV download (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "export"}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_streaming_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Like csv_response, but written row by row as the client reads it: for lists
    of any length (pass rows from `QuerySet.iterator(chunk_size=...)`), memory stays
    bounded. The rows are read after the view returns, so build them from querysets
    already scoped to the person."""
    writer = csv.writer(_Echo())

    def lines() -> Iterable[str]:
        yield "\ufeff" + writer.writerow([neutralise(cell) for cell in header])
        for row in rows:
            yield writer.writerow([neutralise(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "export"}.csv"'
    return response
