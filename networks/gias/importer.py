"""Importing a checked register: upsert LAs and schools by URN with bulk queries.

Reading and checking are ``networks.gias.parse``; this module is the database side.
All or nothing, unless bad rows may be skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from networks.audit import audit
from networks.models import LocalAuthority, School
from networks.search.columns import columns_following

from .parse import (
    ParsedRegister,
    Progress,
    RegisterRow,
    RowError,
    model_field,
    parse_register_rows,
    read_register,
)

BATCH_SIZE = 2_000


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
    # The raw UPDATE below bypasses the model: it writes the search columns too.
    following = columns_following(School, fields)
    sources = [fields.index(School.search_columns[column][0]) for column in following]
    makers = [School.search_columns[column][1] for column in following]
    for start in range(0, len(to_update), BATCH_SIZE):
        changes = [
            (pk, (*values, *(make(values[1 + i]) for i, make in zip(sources, makers, strict=True))))
            for pk, values in to_update[start : start + BATCH_SIZE]
        ]
        _update_schools(changes, ("la", *fields, *following))
        done += len(changes)
        if progress:
            progress("Writing", done, total)

    summary = ImportSummary(
        created=len(to_create),
        updated=len(to_update),
        unchanged=unchanged,
        rejected=register.rejected,
        las_created=las_created,
        las_updated=las_updated,
        errors=tuple(register.errors),
    )
    # One entry per import, not per school: the register's own history is the extract.
    audit(
        None,
        "networks.register.imported",
        None,
        {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "rejected": summary.rejected,
            "las_created": las_created,
            "las_updated": las_updated,
        },
    )
    return summary


def _update_schools(changes: list[tuple[int, tuple]], fields: tuple[str, ...]) -> None:
    """Write a batch of changed schools: (pk, values in the order of ``fields``).

    Not bulk_update: its CASE WHEN id = ... per column makes PostgreSQL compare each
    row with the whole batch, so 50,000 changed schools took minutes. On PostgreSQL,
    one UPDATE ... FROM unnest(arrays) per batch (a column per array); elsewhere an
    executemany of one UPDATE per school, which SQLite runs as a prepared statement.
    """
    model_fields = [model_field(School, name) for name in fields]
    quote = connection.ops.quote_name
    table, pk_column = quote(School._meta.db_table), quote(_column("id"))
    columns = [quote(_column(name)) for name in fields]
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


def _column(name: str) -> str:
    column = model_field(School, name).column
    assert column is not None
    return column
