"""Reading and checking the schools register extract (GIAS ``edubasealldata*.csv``).

``read_register`` / ``parse_register`` / ``parse_register_rows`` turn an extract into
``RegisterRow`` objects plus ``RowError``s carrying the file's line numbers, so a
file is checked whole before anything is written. Pure: no queries (only the models'
field lengths).

The file is streamed twice: once as bytes to choose its encoding and count its
lines, once through the csv reader. Memory grows with the rows kept, not with the
file, and no value can grow past ``MAX_FIELD_SIZE``.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from django.db import models

from networks.models import LocalAuthority, School
from networks.text import CONTROL_CHARACTERS

# progress(stage, done, total): called now and then while reading and writing.
Progress = Callable[[str, int, int], None]

URN = "URN"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
NAME = "EstablishmentName"
STATUS = "EstablishmentStatus (name)"
REGION = "GOR (name)"
REQUIRED_COLUMNS = (URN, LA_CODE, LA_NAME, NAME, STATUS)

# Optional column -> the School field it fills. A column missing from the file leaves
# that field alone on schools already in the register (and the default on new ones).
OPTIONAL_COLUMNS = {
    "TypeOfEstablishment (name)": "type",
    "EstablishmentTypeGroup (name)": "type_group",
    "PhaseOfEducation (name)": "phase",
    "StatutoryLowAge": "statutory_low_age",
    "StatutoryHighAge": "statutory_high_age",
    "NumberOfPupils": "pupils",
    "Town": "town",
    "Postcode": "postcode",
    "OpenDate": "opened_on",
    "CloseDate": "closed_on",
    "Trusts (name)": "trust_name",
}

# GIAS's names are exactly our choice labels; matched without regard to case.
STATUS_BY_NAME = {label.lower(): value for value, label in School.Status.choices}
PHASE_BY_NAME = {label.lower(): value for value, label in School.Phase.choices}

PROGRESS_EVERY = 1_000
MAX_URN = 2_147_483_647  # PositiveIntegerField's ceiling on every database
MAX_AGE = 99
# [0-9], not \d: \d also matches other scripts' digits ("١٢٣"), which int() accepts.
LA_CODE_RE = re.compile(r"[0-9]{3}")
DATE_RE = re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})")
# The longest field we store is 200 characters and the register's longest values
# (addresses, lists of sponsors) a few hundred; 4,096 is far above any real value
# yet stops a hostile cell being buffered (the csv module's default is 128 KB).
MAX_FIELD_SIZE = 4_096

CHUNK_SIZE = 1 << 20  # bytes read at a time while choosing the encoding
# The five bytes Windows-1252 leaves undefined: Python's cp1252 codec refuses them.
# Looked for with bytes.find (memchr), fifty times faster than a regex over 60 MB.
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


class GiasFormatError(ValueError):
    """The file as a whole can't be read as an extract (encoding, missing column)."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One good row: a school's fields, checked and converted, and its LA."""

    line: int
    urn: int
    la_code: str
    la_name: str
    region: str | None  # None when the file has no GOR column: leave the LA's alone
    values: dict[str, Any]  # School field -> value, for the fields the file carries


@dataclass(slots=True)
class ParsedRegister:
    fields: tuple[str, ...]  # School fields the file carries, in a fixed order
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len({error.line for error in self.errors})


# --- Reading -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BadByte:
    line: int
    byte: int

    def __str__(self) -> str:
        return f"line {self.line}: byte 0x{self.byte:02x}"


def sniff_encoding(file: IO[bytes]) -> tuple[str, int]:
    """The extract's encoding and how many newlines it has, from one streamed pass.

    GIAS publishes Windows-1252. A file re-saved as UTF-8 (Excel's "CSV UTF-8" with
    its byte order mark, or an editor's without) is read as UTF-8 when every byte
    decodes as UTF-8 and some are beyond ASCII: Windows-1252 text almost never
    happens to form valid multi-byte sequences, and reading UTF-8 as Windows-1252
    would store "Ã‰cole" for "École". Raises GiasFormatError when neither fits.
    """
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_error: _BadByte | None = None
    cp1252_error: _BadByte | None = None
    head = file.read(len(codecs.BOM_UTF8))
    has_bom = head == codecs.BOM_UTF8
    ascii_only = True
    newlines = 0
    for chunk in itertools.chain([head], iter(lambda: file.read(CHUNK_SIZE), b"")):
        ascii_only = ascii_only and chunk.isascii()
        if utf8_error is None:
            # Bytes of a character split across chunks wait in the decoder; they are
            # never a newline, so the line count below stays right.
            pending = len(utf8.getstate()[0])
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError as error:
                in_chunk = max(error.start - pending, 0)
                utf8_error = _BadByte(
                    newlines + chunk.count(b"\n", 0, in_chunk) + 1, error.object[error.start]
                )
        if cp1252_error is None:
            found = [at for byte in CP1252_UNDEFINED if (at := chunk.find(byte)) >= 0]
            if found:
                at = min(found)
                cp1252_error = _BadByte(newlines + chunk.count(b"\n", 0, at) + 1, chunk[at])
        newlines += chunk.count(b"\n")
    if utf8_error is None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError as error:  # the file ends part-way through a character
            utf8_error = _BadByte(newlines + 1, error.object[error.start])

    if has_bom:
        if utf8_error is not None:
            raise GiasFormatError(
                f"{utf8_error} is not UTF-8 text, though the file starts with UTF-8's "
                "byte order mark; tried UTF-8 only"
            )
        return "utf-8-sig", newlines
    if utf8_error is None and not ascii_only:
        return "utf-8", newlines
    if cp1252_error is None:
        return "cp1252", newlines
    raise GiasFormatError(
        f"{cp1252_error} is not cp1252 text, and the file is not UTF-8 either "
        f"({utf8_error}); tried UTF-8 and Windows-1252 (cp1252), the encodings a GIAS "
        "extract comes in"
    )


def read_register(path: str | Path, *, progress: Progress | None = None) -> ParsedRegister:
    with open(path, "rb") as raw:
        encoding, newlines = sniff_encoding(raw)
    # A row per line but for rare quoted newlines: close enough for a progress bar.
    expected_rows = max(newlines - 1, 0)
    with open(path, encoding=encoding, newline="") as text:
        return parse_register(text, progress=progress, total=expected_rows)


@contextmanager
def _csv_field_size_limit(limit: int) -> Iterator[None]:
    # The csv module's limit is process-wide: set it only while we read, and put the
    # old one back for any other reader in the process.
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_problem(error: csv.Error) -> str:
    if "field limit" in str(error):
        return (
            f"a value is longer than {MAX_FIELD_SIZE:,} characters, "
            "far longer than any field of the register"
        )
    return f"cannot be read as CSV ({error})"


def parse_register(
    lines: Iterable[str], *, progress: Progress | None = None, total: int = 0
) -> ParsedRegister:
    """Parse CSV text (an iterable of lines, e.g. a file opened with newline="")."""
    reader = csv.reader(lines)

    def numbered() -> Iterator[tuple[int, list[str] | RowError]]:
        # reader.line_num is the last physical line read: a record starts one after
        # the previous record ended (quoted newlines make a record span lines).
        previous = reader.line_num
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                # The reader drops the rest of the bad line and carries on with the
                # next, so the rows after it are still checked and reported.
                yield previous + 1, RowError(previous + 1, "(row)", _csv_problem(error))
            else:
                yield previous + 1, record
            previous = reader.line_num

    with _csv_field_size_limit(MAX_FIELD_SIZE):
        try:
            header = next(reader)
        except StopIteration:
            raise GiasFormatError("the file is empty; expected a header row") from None
        except csv.Error as error:
            raise GiasFormatError(f"line 1: the header row {_csv_problem(error)}") from None
        return _parse(header, numbered(), progress=progress, total=total)


def parse_register_rows(
    rows: Iterable[Mapping[str, Any]], *, progress: Progress | None = None, total: int = 0
) -> ParsedRegister:
    """Parse rows as dicts keyed by column name (e.g. from devtools' synthetic extract).

    The first row's keys are the header; line numbers are those the rows would have
    in a file (the header on line 1).
    """
    iterator = iter(rows)
    try:
        first = next(iterator)
    except StopIteration:
        raise GiasFormatError("no rows to import") from None
    header = list(first)

    def numbered() -> Iterator[tuple[int, list[str] | RowError]]:
        for line, row in enumerate(itertools.chain([first], iterator), 2):
            yield line, [_cell(row.get(column)) for column in header]

    return _parse(header, numbered(), progress=progress, total=total)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _control_character(raw: str) -> str | None:
    """The error for a cell holding a control character (a NUL, tab or line break)."""
    match = CONTROL_CHARACTERS.search(raw)
    if match is None:
        return None
    return f"contains a control character (U+{ord(match.group()):04X})"


def _parse(
    header: list[str],
    records: Iterable[tuple[int, list[str] | RowError]],
    *,
    progress: Progress | None,
    total: int,
) -> ParsedRegister:
    header = [name.strip() for name in header]
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(name, position)
    missing = [name for name in REQUIRED_COLUMNS if name not in index]
    if missing:
        raise GiasFormatError(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            + ", ".join(f'"{name}"' for name in missing)
            + "; is this a GIAS edubasealldata extract?"
        )

    # (column, position, School field, converter) for every field the file carries.
    cells = [(NAME, index[NAME], "name", _text_converter("name", required=True))]
    cells.append((STATUS, index[STATUS], "status", _status))
    for column, school_field in OPTIONAL_COLUMNS.items():
        if column in index:
            cells.append((column, index[column], school_field, CONVERTERS[school_field]))
    fields = tuple(school_field for _, _, school_field, _ in cells)
    urn_at, code_at, la_name_at = index[URN], index[LA_CODE], index[LA_NAME]
    region_at = index.get(REGION)
    width = max(index[name] for name in REQUIRED_COLUMNS) + 1
    la_name_length = _max_length(LocalAuthority, "name")
    region_length = _max_length(LocalAuthority, "region")
    # Every cell we store. Control characters are rare, so each row gets one search
    # over these cells together, and only a row with a hit is checked cell by cell.
    stored_at = [la_name_at, *([] if region_at is None else [region_at])]
    stored_at += [position for _, position, _, _ in cells]

    parsed = ParsedRegister(fields=fields)
    seen_urns: dict[int, int] = {}
    count = 0
    for line, record in records:
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress("Checking", count, max(total, count))
        if isinstance(record, RowError):
            parsed.errors.append(record)
            continue
        if not any(record):
            count -= 1  # a blank line is not a row
            continue
        errors: list[RowError] = []
        if len(record) < width:
            parsed.errors.append(
                RowError(line, "(row)", f"has {len(record)} values; the header has {len(header)}")
            )
            continue

        suspect = CONTROL_CHARACTERS.search(
            "".join([record[at] for at in stored_at if at < len(record)])
        )

        raw_urn = record[urn_at].strip()
        urn = 0
        if not (raw_urn.isascii() and raw_urn.isdigit()) or not 0 < int(raw_urn) <= MAX_URN:
            errors.append(RowError(line, URN, f"{raw_urn!r} is not a URN (a whole number)"))
        elif int(raw_urn) in seen_urns:
            errors.append(
                RowError(line, URN, f"{raw_urn} is also on line {seen_urns[int(raw_urn)]}")
            )
        else:
            urn = int(raw_urn)
            seen_urns[urn] = line

        la_code = record[code_at].strip()
        if not LA_CODE_RE.fullmatch(la_code):
            errors.append(RowError(line, LA_CODE, f"{la_code!r} is not a three-digit LA code"))
        la_name = record[la_name_at].strip()
        if suspect and (problem := _control_character(record[la_name_at])):
            errors.append(RowError(line, LA_NAME, problem))
        elif not la_name:
            errors.append(RowError(line, LA_NAME, "is empty"))
        elif len(la_name) > la_name_length:
            errors.append(RowError(line, LA_NAME, f"is longer than {la_name_length} characters"))
        region = None
        if region_at is not None:
            raw_region = record[region_at] if region_at < len(record) else ""
            region = raw_region.strip()
            if suspect and (problem := _control_character(raw_region)):
                errors.append(RowError(line, REGION, problem))
            elif len(region) > region_length:
                errors.append(RowError(line, REGION, f"is longer than {region_length} characters"))

        values: dict[str, Any] = {}
        for column, position, school_field, convert in cells:
            raw = record[position] if position < len(record) else ""
            # Checked before stripping: a stray tab or newline means a damaged file,
            # and NUL (which PostgreSQL refuses) survives strip() anyway.
            if suspect and (problem := _control_character(raw)):
                errors.append(RowError(line, column, problem))
                continue
            try:
                values[school_field] = convert(raw.strip())
            except ValueError as error:
                errors.append(RowError(line, column, str(error)))
        low, high = values.get("statutory_low_age"), values.get("statutory_high_age")
        if low is not None and high is not None and low > high:
            errors.append(RowError(line, "StatutoryHighAge", f"{high} is below the low age {low}"))

        if errors:
            parsed.errors.extend(errors)
            continue
        parsed.rows.append(RegisterRow(line, urn, la_code, la_name, region, values))
    if progress:
        progress("Checking", count, count)
    return parsed


# --- Converters: raw cell text -> field value, or ValueError with a message -------


def model_field(model: type[models.Model], name: str) -> models.Field:
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field)
    return found


def _max_length(model: type[models.Model], name: str) -> int:
    max_length = model_field(model, name).max_length
    assert max_length is not None
    return max_length


def _text_converter(school_field: str, *, required: bool = False) -> Callable[[str], str]:
    max_length = _max_length(School, school_field)

    def convert(raw: str) -> str:
        if required and not raw:
            raise ValueError("is empty")
        if len(raw) > max_length:
            raise ValueError(f"is longer than {max_length} characters")
        return raw

    return convert


def _status(raw: str) -> str:
    try:
        return STATUS_BY_NAME[raw.lower()]
    except KeyError:
        known = ", ".join(f'"{label}"' for label in School.Status.labels)
        raise ValueError(f"{raw!r} is not a status we know ({known})") from None


def _phase(raw: str) -> str:
    if not raw:
        return School.Phase.NOT_APPLICABLE
    try:
        return PHASE_BY_NAME[raw.lower()]
    except KeyError:
        known = ", ".join(f'"{label}"' for label in School.Phase.labels)
        raise ValueError(f"{raw!r} is not a phase we know ({known})") from None


def _whole_number(maximum: int, what: str) -> Callable[[str], int | None]:
    def convert(raw: str) -> int | None:
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()) or int(raw) > maximum:
            raise ValueError(f"{raw!r} is not {what} (a whole number from 0 to {maximum:,})")
        return int(raw)

    return convert


@lru_cache(maxsize=65_536)
def parse_date(raw: str) -> date | None:
    """A register date (DD-MM-YYYY), None if empty, or ValueError with a message."""
    # Cached: an extract repeats a few thousand dates across 50,000 rows.
    if not raw:
        return None
    match = DATE_RE.fullmatch(raw)
    if match is None:
        raise ValueError(f"{raw!r} is not a date in the form DD-MM-YYYY")
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date") from None


CONVERTERS: dict[str, Callable[[str], Any]] = {
    "type": _text_converter("type"),
    "type_group": _text_converter("type_group"),
    "phase": _phase,
    "statutory_low_age": _whole_number(MAX_AGE, "an age"),
    "statutory_high_age": _whole_number(MAX_AGE, "an age"),
    "pupils": _whole_number(MAX_URN, "a number of pupils"),
    "town": _text_converter("town"),
    "postcode": _text_converter("postcode"),
    "opened_on": parse_date,
    "closed_on": parse_date,
    "trust_name": _text_converter("trust_name"),
}
