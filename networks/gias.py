"""The schools register extract (GIAS ``edubasealldata*.csv``): read, check, import.

Two steps, so a file is checked whole before anything is written:

1. ``read_register`` / ``parse_register`` / ``parse_register_rows`` turn the extract
   into ``RegisterRow`` objects plus ``RowError``s carrying the file's line numbers.
   Pure: no database.
2. ``import_register`` upserts LAs and schools by URN with bulk queries: all or
   nothing, unless bad rows may be skipped.

``synthetic_extract_rows`` / ``write_extract`` make a realistic extract in the real
139-column format from the real names in the shared reference data, for tests,
benchmarks and demo data.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import IO, Any

from django.db import connection, models, transaction

from networks.models import LocalAuthority, School
from networks.reference_data import reference_data_dir

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

BATCH_SIZE = 2_000
PROGRESS_EVERY = 1_000
MAX_URN = 2_147_483_647  # PositiveIntegerField's ceiling on every database
MAX_AGE = 99
LA_CODE_RE = re.compile(r"\d{3}")
DATE_RE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


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


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    las_created: int = 0
    las_updated: int = 0
    errors: tuple[RowError, ...] = ()

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


class BadRowsError(Exception):
    """The file has bad rows and they may not be skipped: nothing was imported."""

    def __init__(self, errors: list[RowError], rows_read: int) -> None:
        self.errors = errors
        self.rows_read = rows_read
        self.rejected = len({error.line for error in errors})
        super().__init__(f"{self.rejected:,} of {rows_read:,} rows are bad; nothing imported")


# --- Reading -------------------------------------------------------------------


def decode_extract(data: bytes) -> str:
    """The extract's text. GIAS publishes Windows-1252; a UTF-8 BOM means someone
    re-saved it from Excel as "CSV UTF-8", which we read rather than garble."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GiasFormatError(
            f"line {line}: byte 0x{data[error.start]:02x} is not {encoding} text; "
            "a GIAS extract is Windows-1252 (cp1252)"
        ) from error


def read_register(path: str | Path, *, progress: Progress | None = None) -> ParsedRegister:
    data = Path(path).read_bytes()
    # A row per line but for rare quoted newlines: close enough for a progress bar.
    expected_rows = max(data.count(b"\n") - 1, 0)
    text = decode_extract(data)
    del data
    return parse_register(io.StringIO(text, newline=""), progress=progress, total=expected_rows)


def parse_register(
    lines: Iterable[str], *, progress: Progress | None = None, total: int = 0
) -> ParsedRegister:
    """Parse CSV text (an iterable of lines, e.g. a file opened with newline="")."""
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise GiasFormatError("the file is empty; expected a header row") from None

    def numbered() -> Iterator[tuple[int, list[str]]]:
        # reader.line_num is the last physical line read: a record starts one after
        # the previous record ended (quoted newlines make a record span lines).
        previous = reader.line_num
        for record in reader:
            yield previous + 1, record
            previous = reader.line_num

    return _parse(header, numbered(), progress=progress, total=total)


def parse_register_rows(
    rows: Iterable[Mapping[str, Any]], *, progress: Progress | None = None, total: int = 0
) -> ParsedRegister:
    """Parse rows as dicts keyed by column name (e.g. from ``synthetic_extract_rows``).

    The first row's keys are the header; line numbers are those the rows would have
    in a file (the header on line 1).
    """
    iterator = iter(rows)
    try:
        first = next(iterator)
    except StopIteration:
        raise GiasFormatError("no rows to import") from None
    header = list(first)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        for line, row in enumerate(itertools.chain([first], iterator), 2):
            yield line, [_cell(row.get(column)) for column in header]

    return _parse(header, numbered(), progress=progress, total=total)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _parse(
    header: list[str],
    records: Iterable[tuple[int, list[str]]],
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

    parsed = ParsedRegister(fields=fields)
    seen_urns: dict[int, int] = {}
    count = 0
    for line, record in records:
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress("Checking", count, max(total, count))
        if not any(record):
            count -= 1  # a blank line is not a row
            continue
        errors: list[RowError] = []
        if len(record) < width:
            parsed.errors.append(
                RowError(line, "(row)", f"has {len(record)} values; the header has {len(header)}")
            )
            continue

        raw_urn = record[urn_at].strip()
        urn = 0
        if not raw_urn.isdigit() or not 0 < int(raw_urn) <= MAX_URN:
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
        if not la_name:
            errors.append(RowError(line, LA_NAME, "is empty"))
        elif len(la_name) > la_name_length:
            errors.append(RowError(line, LA_NAME, f"is longer than {la_name_length} characters"))
        region = None
        if region_at is not None:
            region = record[region_at].strip() if region_at < len(record) else ""
            if len(region) > region_length:
                errors.append(RowError(line, REGION, f"is longer than {region_length} characters"))

        values: dict[str, Any] = {}
        for column, position, school_field, convert in cells:
            raw = record[position].strip() if position < len(record) else ""
            try:
                values[school_field] = convert(raw)
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


def _model_field(model: type[models.Model], name: str) -> models.Field:
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    return model_field


def _column(model: type[models.Model], name: str) -> str:
    column = _model_field(model, name).column
    assert column is not None
    return column


def _max_length(model: type[models.Model], name: str) -> int:
    max_length = _model_field(model, name).max_length
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
        if not raw.isdigit() or int(raw) > maximum:
            raise ValueError(f"{raw!r} is not {what} (a whole number from 0 to {maximum:,})")
        return int(raw)

    return convert


@lru_cache(maxsize=65_536)
def _date(raw: str) -> date | None:
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
    "opened_on": _date,
    "closed_on": _date,
    "trust_name": _text_converter("trust_name"),
}


# --- Importing -----------------------------------------------------------------


def import_register(
    *,
    path: str | Path | None = None,
    rows: Iterable[Mapping[str, Any]] | None = None,
    register: ParsedRegister | None = None,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Upsert LAs and schools by URN from an extract file, dict rows or a parsed register.

    Any bad row means nothing is imported (BadRowsError) unless ``skip_bad_rows``,
    when the good rows are imported and the bad ones counted and returned. Schools
    missing from the extract are left alone: an extract may be filtered.
    """
    if sum(source is not None for source in (path, rows, register)) != 1:
        raise TypeError("give exactly one of path, rows or register")
    if path is not None:
        register = read_register(path, progress=progress)
    elif rows is not None:
        register = parse_register_rows(rows, progress=progress)
    assert register is not None
    if register.errors and not skip_bad_rows:
        raise BadRowsError(register.errors, len(register.rows) + register.rejected)
    return _write_register(register=register, progress=progress)


# Reading and checking happen above, outside the transaction: on SQLite the write
# lock is taken at BEGIN, and other users shouldn't wait while we parse 60 MB.
@transaction.atomic
def _write_register(*, register: ParsedRegister, progress: Progress | None) -> ImportSummary:
    la_ids, las_created, las_updated = _upsert_local_authorities(register.rows)

    fields = register.fields
    # urn -> (pk, (la_id, *fields)): one query, only the columns we compare.
    existing = {
        urn: (pk, tuple(values))
        for urn, pk, *values in School.objects.values_list("urn", "pk", "la_id", *fields)
        .order_by()
        .iterator(chunk_size=BATCH_SIZE)
    }
    to_create: list[School] = []
    to_update: list[tuple[int, tuple]] = []  # (pk, (la_id, *fields))
    unchanged = 0
    for row in register.rows:
        la_id = la_ids[row.la_code]
        current = existing.get(row.urn)
        if current is None:
            to_create.append(School(urn=row.urn, la_id=la_id, **row.values))
        else:
            values = (la_id, *(row.values[name] for name in fields))
            if current[1] == values:
                unchanged += 1
            else:
                to_update.append((current[0], values))

    total = len(to_create) + len(to_update)
    done = 0
    for start in range(0, len(to_create), BATCH_SIZE):
        new_schools = to_create[start : start + BATCH_SIZE]
        School.objects.bulk_create(new_schools, batch_size=BATCH_SIZE)
        done += len(new_schools)
        if progress:
            progress("Writing", done, total)
    for start in range(0, len(to_update), BATCH_SIZE):
        changes = to_update[start : start + BATCH_SIZE]
        _update_schools(changes, ("la", *fields))
        done += len(changes)
        if progress:
            progress("Writing", done, total)

    return ImportSummary(
        created=len(to_create),
        updated=len(to_update),
        unchanged=unchanged,
        rejected=register.rejected,
        las_created=las_created,
        las_updated=las_updated,
        errors=tuple(register.errors),
    )


def _update_schools(changes: list[tuple[int, tuple]], fields: tuple[str, ...]) -> None:
    """Write a batch of changed schools: (pk, values in the order of ``fields``).

    Not bulk_update: its CASE WHEN id = ... per column makes PostgreSQL compare each
    row with the whole batch, so 50,000 changed schools took minutes. On PostgreSQL,
    one UPDATE ... FROM unnest(arrays) per batch (a column per array); elsewhere an
    executemany of one UPDATE per school, which SQLite runs as a prepared statement.
    """
    model_fields = [_model_field(School, name) for name in fields]
    quote = connection.ops.quote_name
    table, pk_column = quote(School._meta.db_table), quote(_column(School, "id"))
    columns = [quote(_column(School, name)) for name in fields]
    prepared = [
        [
            f.get_db_prep_save(value, connection)
            for f, value in zip(model_fields, values, strict=True)
        ]
        for _, values in changes
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(
                ["%s::bigint[]"] + [f"%s::{f.db_type(connection)}[]" for f in model_fields]
            )
            assignments = ", ".join(f"{column} = changed.{column}" for column in columns)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM unnest({arrays}) "
                f"AS changed(pk, {', '.join(columns)}) WHERE {table}.{pk_column} = changed.pk",
                [
                    [pk for pk, _ in changes],
                    *(list(column) for column in zip(*prepared, strict=True)),
                ],
            )
        else:
            assignments = ", ".join(f"{column} = %s" for column in columns)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s",
                [[*row, pk] for row, (pk, _) in zip(prepared, changes, strict=True)],
            )


def _upsert_local_authorities(rows: list[RegisterRow]) -> tuple[dict[str, int], int, int]:
    """LAs from the extract's own LA columns: code -> pk, and how many created/updated."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        wanted.setdefault(row.la_code, (row.la_name, row.region))
    existing = {la.code: la for la in LocalAuthority.objects.filter(code__in=wanted)}
    to_create, to_update = [], []
    for code, (name, region) in wanted.items():
        la = existing.get(code)
        if la is None:
            to_create.append(LocalAuthority(code=code, name=name, region=region or ""))
        elif la.name != name or (region is not None and la.region != region):
            la.name = name
            la.region = la.region if region is None else region
            to_update.append(la)
    # bulk_create sets pks on PostgreSQL and SQLite (RETURNING); few rows, so one query.
    LocalAuthority.objects.bulk_create(to_create)
    LocalAuthority.objects.bulk_update(to_update, ["name", "region"])
    la_ids = {la.code: la.pk for la in [*existing.values(), *to_create]}
    return la_ids, len(to_create), len(to_update)


# --- A realistic synthetic extract ------------------------------------------------

# The register as it stood when the reference data was taken (July 2022): decides
# which real close/open dates make a school closed, closing or proposed.
EXTRACT_DATE = date(2022, 7, 1)

STATUS_CODES = {"Open": 1, "Closed": 2, "Open, but proposed to close": 3, "Proposed to open": 4}
PHASE_CODES = {
    "Not applicable": 0,
    "Nursery": 1,
    "Primary": 2,
    "Middle deemed primary": 3,
    "Secondary": 4,
    "Middle deemed secondary": 5,
    "16 plus": 6,
    "All-through": 7,
}
TRUST_WORDS = (
    "Beacon", "Compass", "Endeavour", "Horizon", "Unity", "Pioneer", "Oak", "Willow",
    "Harmony", "Inspire", "Evolve", "Northern Star", "Summit", "Keystone", "Riverside",
)  # fmt: skip
TRUST_KINDS = ("Academy Trust", "Learning Trust", "Multi Academy Trust", "Education Trust")


@cache
def extract_header() -> tuple[str, ...]:
    """The real 139-column header, from the published sample extract."""
    path = reference_data_dir() / "gias-edubasealldata-sample.csv"
    with path.open(encoding="cp1252", newline="") as sample:
        return tuple(next(csv.reader(sample)))


def _fit_cp1252(text: str) -> str:
    """Text that encodes as cp1252. A few reference names were mis-decoded as cp1251
    ("Franзaise"); re-encoding that way restores them ("Française")."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("cp1251").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text.encode("cp1252", "replace").decode("cp1252")


def _parse_reference_date(raw: str) -> date | None:
    try:
        return _date(raw)
    except ValueError:
        return None


def synthetic_extract_rows(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` realistic extract rows (dicts keyed by GIAS column) from real establishments.

    Names, URNs, towns, postcodes and open/close dates are real; LAs come from the
    English LA list (schools sharing a postcode district share an LA); type, phase,
    ages, pupils and trusts follow the name ("... Infant School", "... Academy").
    Beyond the 49,514 real establishments, rows are new schools proposed to open.
    The same ``n`` and ``seed`` give the same rows.
    """
    rng = random.Random(seed)
    data = reference_data_dir()
    with (data / "establishments-2022.csv").open(encoding="utf-8", newline="") as file:
        establishments = sorted(csv.DictReader(file), key=lambda e: int(e["urn"]))
    with (data / "local-authorities-england.csv").open(encoding="utf-8", newline="") as file:
        las = [
            (row["la_code"], row["la_name"], _gor(row["region"])) for row in csv.DictReader(file)
        ]
    london = [la for la in las if la[2] == "London"]
    by_name = {name.lower(): (code, name, region) for code, name, region in las}
    district_la: dict[str, tuple[str, str, str]] = {}
    trusts: dict[str, list[str]] = {}

    if n <= len(establishments):
        picked = [establishments[i] for i in sorted(rng.sample(range(len(establishments)), n))]
        extra = 0
    else:
        picked, extra = establishments, n - len(establishments)
    last_urn = int(establishments[-1]["urn"])

    def la_for(town: str, postcode: str) -> tuple[str, str, str]:
        if not postcode:
            return ("000", "Does not apply", "Not Applicable")  # overseas establishments
        if town.lower() in by_name:
            return by_name[town.lower()]
        district = postcode.split()[0]
        if district not in district_la:
            area = district.rstrip("0123456789")
            pool = london if town == "London" else las
            # Most of a postcode area is one LA; a few districts fall in a neighbour.
            area_la = district_la.setdefault(area, rng.choice(pool))
            district_la[district] = area_la if rng.random() < 0.8 else rng.choice(pool)
        return district_la[district]

    def trust_for(la_code: str) -> str:
        pool = trusts.setdefault(la_code, [])
        if len(pool) < 4 and (not pool or rng.random() < 0.3):
            pool.append(f"{rng.choice(TRUST_WORDS)} {rng.choice(TRUST_KINDS)}")
        return rng.choice(pool)

    def make(establishment: dict[str, str], urn: int, proposed: bool) -> dict[str, Any]:
        name = _fit_cp1252(establishment["name"])
        town = _fit_cp1252(establishment["town"])
        postcode = establishment["postcode"]
        opened = establishment["open_date"]
        closed = establishment["close_date"]
        if proposed:
            name, opened, closed = f"{name} (new site)", f"01-09-{rng.choice((2022, 2023))}", ""
        status = _synthetic_status(opened, closed)
        la_code, la_name, region = la_for(town, postcode)
        kind, group, phase, low, high = _synthetic_kind(name, urn, rng)
        trust = trust_for(la_code) if group in ("Academies", "Free Schools") else ""
        pupils = ""
        if status in ("Open", "Open, but proposed to close"):
            pupils = str(_synthetic_pupils(phase, group, rng))
        return {
            URN: urn,
            LA_CODE: la_code,
            LA_NAME: la_name,
            "EstablishmentNumber": f"{rng.randrange(1000, 8000):04d}",
            NAME: name,
            "TypeOfEstablishment (name)": kind,
            "EstablishmentTypeGroup (name)": group,
            "EstablishmentStatus (code)": str(STATUS_CODES[status]),
            STATUS: status,
            "OpenDate": opened,
            "CloseDate": closed,
            "PhaseOfEducation (code)": str(PHASE_CODES[phase]),
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": low,
            "StatutoryHighAge": high,
            "NumberOfPupils": pupils,
            "Trusts (name)": trust,
            "Town": town,
            "Postcode": postcode,
            REGION: region,
        }

    for establishment in picked:
        yield make(establishment, int(establishment["urn"]), proposed=False)
    for k in range(extra):
        yield make(establishments[rng.randrange(len(establishments))], last_urn + 1 + k, True)


def _gor(region: str) -> str:
    # GIAS's government office regions have one London; the LA list splits it.
    return "London" if region.endswith("London") else region


def _synthetic_status(opened: str, closed: str) -> str:
    close_date, open_date = _parse_reference_date(closed), _parse_reference_date(opened)
    if close_date is not None:
        return "Closed" if close_date <= EXTRACT_DATE else "Open, but proposed to close"
    if open_date is not None and open_date > EXTRACT_DATE:
        return "Proposed to open"
    return "Open"


def _synthetic_kind(name: str, urn: int, rng: random.Random) -> tuple[str, str, str, int, int]:
    """(type, type group, phase, low age, high age), guessed from the name as a reader would."""
    lower = name.lower()
    if 400000 <= urn < 500000:
        phase, low, high = _synthetic_phase(lower, rng)
        return "Welsh establishment", "Welsh schools", phase, low, high
    if "university" in lower:
        return "Higher education institutions", "Universities", "Not applicable", 18, 99
    if "children's centre" in lower or "childrens centre" in lower:
        return "Children's centre", "Children's centres", "Not applicable", 0, 5
    if "pupil referral" in lower or lower.endswith(" pru"):
        return "Pupil referral unit", "Local authority maintained schools", "Not applicable", 5, 16
    if "special" in lower:
        kind, group = rng.choice(
            (("Community special school", "Special schools"),
             ("Academy special converter", "Special schools"),
             ("Non-maintained special school", "Special schools"))
        )  # fmt: skip
        return kind, group, "Not applicable", 2, 19
    if any(word in lower for word in ("preparatory", "prep school", "independent", " ltd")):
        return "Other independent school", "Independent schools", "Not applicable", 3, 13
    if "college" in lower and "sixth form" not in lower and rng.random() < 0.4:
        return "Further education", "Colleges", "16 plus", 16, 99
    phase, low, high = _synthetic_phase(lower, rng)
    if "free school" in lower:
        return "Free schools", "Free Schools", phase, low, high
    if "academy" in lower:
        kind = rng.choice(("Academy converter", "Academy sponsor led"))
        return kind, "Academies", phase, low, high
    if any(word in lower for word in ("church of england", "cofe", "c of e", "catholic")):
        kind = rng.choice(("Voluntary aided school", "Voluntary controlled school"))
        return kind, "Local authority maintained schools", phase, low, high
    kind, group = rng.choices(
        (("Community school", "Local authority maintained schools"),
         ("Foundation school", "Local authority maintained schools"),
         ("Academy converter", "Academies"),
         ("Other independent school", "Independent schools")),
        weights=(50, 10, 30, 10),
    )[0]  # fmt: skip
    if group == "Independent schools":
        phase, low, high = "Not applicable", rng.choice((2, 3, 4, 7)), rng.choice((11, 13, 18))
    return kind, group, phase, low, high


def _synthetic_phase(lower: str, rng: random.Random) -> tuple[str, int, int]:
    if "nursery" in lower and "primary" not in lower:
        return "Nursery", 2, 5
    if "infant" in lower:
        return "Primary", rng.choice((3, 4)), 7
    if "junior" in lower:
        return "Primary", 7, 11
    if "first" in lower:
        return "Primary", rng.choice((3, 4)), 9
    if "primary" in lower:
        return "Primary", rng.choice((3, 4)), 11
    if "middle" in lower:
        return rng.choice((("Middle deemed primary", 8, 12), ("Middle deemed secondary", 9, 13)))
    if "sixth form" in lower:
        return "16 plus", 16, 19
    if "all-through" in lower or "through school" in lower:
        return "All-through", 4, 18
    if any(word in lower for word in ("secondary", "high school", "grammar", "upper", "college")):
        return "Secondary", 11, rng.choice((16, 18))
    return rng.choices(
        (("Primary", 4, 11), ("Secondary", 11, 18), ("Not applicable", 5, 16)),
        weights=(60, 25, 15),
    )[0]


def _synthetic_pupils(phase: str, group: str, rng: random.Random) -> int:
    if group == "Special schools":
        return int(rng.triangular(20, 300, 100))
    if group == "Independent schools":
        return int(rng.triangular(15, 1500, 250))
    low, high, mode = {
        "Nursery": (30, 180, 90),
        "Primary": (25, 800, 260),
        "Middle deemed primary": (150, 700, 400),
        "Middle deemed secondary": (200, 900, 500),
        "Secondary": (250, 2200, 1000),
        "16 plus": (150, 3000, 900),
        "All-through": (500, 2500, 1300),
    }.get(phase, (10, 300, 60))
    return int(rng.triangular(low, high, mode))


def write_extract(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write rows as an extract: the full real header, text quoted and numbers not, as
    GIAS does. ``out`` is a text file opened with encoding="cp1252", newline="".
    Returns the number of rows written."""
    header = extract_header()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
        count += 1
    return count
