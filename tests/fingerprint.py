"""A fingerprint of the whole database, to show that a request changed nothing.

`fingerprint()` reads every row of every table of every installed model (the
many-to-many tables too, and models apps add later) in ONE query, each row turned
into text by the database, and keeps each table's rows sorted. Two fingerprints are
equal when every table has the same number of rows with the same values; `changes()`
says which tables differ and shows a few rows added or gone, so a failure names
what a request wrote.

It is meant for small worlds (the access matrix has a few hundred rows in all), where
reading everything costs about a millisecond: cheaper than hashing in SQL, which
SQLite cannot do, and the rows themselves make a better failure message than a hash.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import connection

# Bookkeeping that signing in, signing out or a refused request legitimately writes,
# and that is not the project's data. Nothing else is left out.
EXCLUDED_MODELS = frozenset(
    {
        # Every request that touches the session saves it: signing in and out, and the
        # flash message a refusal may leave for the next page.
        "sessions.Session",
        # django-axes records every sign-in and sign-out (AccessLog) and every failed
        # sign-in (AccessAttempt, AccessFailureLog, AccessAttemptExpiration): a
        # security record of attempts, refused ones above all, by design.
        "axes.AccessLog",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "axes.AccessAttemptExpiration",
    }
)

# How many added or removed rows a failure message shows per table.
SHOWN_ROWS = 3


def fingerprinted_models() -> list:
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.label not in EXCLUDED_MODELS and model._meta.managed
        ),
        key=lambda model: model._meta.label,
    )


_sql_cache: dict[str, tuple[str, list[str]]] = {}


def _sql() -> tuple[str, list[str]]:
    """One UNION ALL over every table: (model label, the row as text). Built once per
    database vendor: the installed models do not change during a run."""
    if connection.vendor not in _sql_cache:
        qn = connection.ops.quote_name
        models = fingerprinted_models()
        selects = []
        for model in models:
            table = qn(model._meta.db_table)
            if connection.vendor == "postgresql":
                # A whole row as a record literal: every column, in table order.
                row = "CAST(t AS text)"
            else:
                # SQLite (and MySQL) have no record type; a JSON array of the columns.
                columns = ", ".join(qn(field.column) for field in model._meta.concrete_fields)
                row = f"json_array({columns})"
            # A model label is letters, digits, "_" and ".": safe as a literal.
            selects.append(f"SELECT '{model._meta.label}', {row} FROM {table} t")
        labels = [model._meta.label for model in models]
        _sql_cache[connection.vendor] = (" UNION ALL ".join(selects), labels)
    return _sql_cache[connection.vendor]


@dataclass(frozen=True)
class Fingerprint:
    """Each table's rows, by model label, sorted (so row order does not matter)."""

    tables: dict[str, tuple[str, ...]]

    def count(self, label: str) -> int:
        return len(self.tables[label])

    def changes(self, after: Fingerprint) -> list[str]:
        """What differs from `after`, one line per table: counts and sample rows."""
        lines = []
        for label, rows in self.tables.items():
            later = after.tables.get(label, ())
            if rows == later:
                continue
            gone = sorted(set(rows) - set(later))
            added = sorted(set(later) - set(rows))
            line = f"{label}: {len(rows)} -> {len(later)} rows"
            if added:
                line += f"; added {added[:SHOWN_ROWS]}"
            if gone:
                line += f"; gone {gone[:SHOWN_ROWS]}"
            lines.append(line)
        return lines


def fingerprint() -> Fingerprint:
    sql, labels = _sql()
    rows: dict[str, list[str]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for label, row in cursor.fetchall():
            rows[label].append(row)
    return Fingerprint({label: tuple(sorted(rows[label])) for label in labels})
