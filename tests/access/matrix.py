"""The access matrix: who gets what from every URL in the project.

Each area keeps its rows in tests/access/rows_<area>.py as `ROWS: list[Row]`; this
module imports every such file. test_access_matrix.py then

* runs every row for every persona in world.PERSONAS against the world built by
  world.build_world() (once for the module), each request inside a transaction
  rolled back afterwards, checks the answer and what the request did to the database
  (see "Effects" below), and reports every mismatch of a row in one message;
* fails when a named URL pattern (walked from the root URLconf, namespaces included)
  has no row, naming the missing ones. The Django admin's own URLs are left out,
  except "admin:index", which stands for them all.

Adding a URL? Add a row, e.g.

    Row(
        "networks:la_detail",
        args=lambda w: [w.la.code],
        expect={ANONYMOUS: LOGIN, "outsider": 404},
        default=200,
    )

`expect` maps persona to the answer; personas not listed get `default`. An answer is
an HTTP status (200, 302, 403, 404, 405, 410, ...) or LOGIN: a redirect to the
sign-in page (settings.LOGIN_URL). A redirect anywhere else is 302, so "bounced to
sign in" and "sent on somewhere" never pass for each other.

Several rows may share a URL name (GET and POST, or objects of different LAs); give
them a `label` when method and name alone would not tell them apart in test ids.
For POST rows, `data` builds the form data from the world (None posts nothing).

Effects: what a request changes. Every request is made between two fingerprints of
the whole database (tests/fingerprint.py). A persona with no effect in the row
must leave the database as it was, whatever the answer: refused (403, 404, 405,
LOGIN), a form shown again with its errors, a service's refusal told as a message,
and every GET. A write row names, for the personas whose request does something,
what it does, checked just after their request:

    Row(
        "enquiries:enquiry_link",
        ...,
        effects=acting(
            CLUSTER_OWNERS,
            creates(EnquiryLink, enquiry=lambda w: w.enquiry_cluster, created_by=ACTOR),
            audited("enquiries.question.linked"),
        ),
    )

`creates`, `deletes` and `sets` read the database just before and just after the
request; a filter value may be a `lambda w: ...` of the world, or ACTOR for the
person who made the request. An effect says what must change; the fingerprint
rule covers everyone else, so a refusal that writes anything fails.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

from networks.models import AuditEntry

LOGIN = "login"
ANONYMOUS = "anonymous"

Status = int | str

# Every signed-in persona sees it; anonymous visitors are sent to sign in.
SIGNED_IN: dict[str, Status] = {ANONYMOUS: LOGIN}

# Answers that refuse a request: whoever gets one must have changed nothing.
REFUSALS: tuple[Status, ...] = (403, 404, 405, 410, LOGIN)


# --- Effects -------------------------------------------------------------------------


class _Actor:
    def __repr__(self) -> str:
        return "ACTOR"


ACTOR: Any = _Actor()
"""In an effect's filters: the person who made the request (None if anonymous)."""


class _Set:
    def __repr__(self) -> str:
        return "SET"


SET: Any = _Set()
"""In `sets`: the field was empty (None) and now has a value, e.g. a timestamp."""


@dataclass(frozen=True)
class Effect:
    """One thing a request changes. `measure(world, actor)` runs just before and just
    after the request; `holds(before, after)` says whether the change is the one
    expected; `says` describes it for failure messages ("expected it to <says>")."""

    says: str
    measure: Callable[[Any, Any], Any]
    holds: Callable[[Any, Any], bool]


def _resolve(filters: dict, world, actor) -> dict:
    return {
        name: actor if value is ACTOR else value(world) if callable(value) else value
        for name, value in filters.items()
    }


def _describe(filters: dict) -> str:
    return ", ".join(
        f"{name}={'<world>' if callable(value) and value is not ACTOR else value!r}"
        for name, value in filters.items()
    )


def _counting(model: type[Model], filters: dict) -> Callable[[Any, Any], int]:
    return lambda world, actor: model._default_manager.filter(
        **_resolve(filters, world, actor)
    ).count()


def creates(model: type[Model], n: int = 1, **filters) -> Effect:
    """`n` more rows of `model` match the filters afterwards."""
    return Effect(
        f"create {n} {model.__name__} ({_describe(filters)})",
        _counting(model, filters),
        lambda before, after: after == before + n,
    )


def deletes(model: type[Model], n: int = 1, **filters) -> Effect:
    """`n` fewer rows of `model` match the filters afterwards."""
    return Effect(
        f"delete {n} {model.__name__} ({_describe(filters)})",
        _counting(model, filters),
        lambda before, after: after == before - n,
    )


def sets(obj: Callable[[Any], Model], **fields) -> Effect:
    """The world's object `obj(w)` has these field values afterwards and did not
    before. Lookups across relations work (current_revision__number=2); SET means
    "was None, now is not"."""

    def measure(world, actor) -> dict:
        instance = obj(world)
        return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).get()

    def matches(values: dict) -> bool:
        return all(
            values[name] is not None if want is SET else values[name] == want
            for name, want in fields.items()
        )

    def was_unset(values: dict) -> bool:
        return all(values[name] is None for name, want in fields.items() if want is SET)

    return Effect(
        f"set {_describe(fields)}",
        measure,
        lambda before, after: was_unset(before) and not matches(before) and matches(after),
    )


def audited(action: str) -> Effect:
    """The service wrote one audit entry for the change, in the actor's name."""
    return creates(AuditEntry, action=action, actor=ACTOR)


def acting(personas, *effects: Effect) -> dict[str, tuple[Effect, ...]]:
    """The same effects for each of `personas`, for a Row's `effects`."""
    return {persona: effects for persona in personas}


def _no_args(world) -> list:
    return []


@dataclass(frozen=True)
class Row:
    name: str
    args: Callable[..., list] = _no_args
    method: str = "get"
    data: Callable[..., dict] | None = None
    expect: dict[str, Status] = field(default_factory=dict)
    default: Status = 200
    label: str = ""
    # Sent as the query string of a GET, e.g. {"q": "Essex"}.
    query: dict[str, str] | None = None
    # Extra request headers, e.g. {"HTTP_HX_REQUEST": "true"} for an htmx request.
    headers: dict[str, str] | None = None
    # What each persona's request changes (see "Effects" above); everyone else
    # must leave the database unchanged.
    effects: dict[str, tuple[Effect, ...]] = field(default_factory=dict)

    def expected(self, persona: str) -> Status:
        return self.expect.get(persona, self.default)

    @property
    def id(self) -> str:
        return " ".join(part for part in (self.name, self.method.upper(), self.label) if part)


def load_rows() -> list[Row]:
    """Every Row from every tests/access/rows_*.py, in file then list order."""
    here = Path(__file__).parent
    rows: list[Row] = []
    for module in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if module.name.startswith("rows_"):
            rows.extend(importlib.import_module(f"{__package__}.{module.name}").ROWS)
    return rows


# The admin's own pages are Django's; one row for its index stands for them all.
EXCLUDED_NAMESPACES = ("admin",)
ALWAYS_INCLUDED = ("admin:index",)


def url_names() -> set[str]:
    """Every named URL of the project, as you would pass it to reverse().

    A pattern without a name cannot be reversed or given a row, so it is reported
    as "<unnamed: route>" and makes the coverage test fail.
    """
    names: set[str] = set(ALWAYS_INCLUDED)

    def walk(patterns, namespaces: tuple[str, ...], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
                if inner and inner[0] in EXCLUDED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(":".join(namespaces + (pattern.name,)))
                else:
                    names.add(f"<unnamed: {prefix}{pattern.pattern}>")

    walk(get_resolver().url_patterns, (), "")
    return names


def with_audit_effects(
    rows: list[Row], actions: dict[str, str], *, changing_nothing: tuple[str, ...] = ()
) -> list[Row]:
    """Give each POST row named in `actions` that succeeds (302) for someone the effect
    every service has: one audit entry in the actor's name whose action starts with
    the code given. The rows' own tests check the records themselves; this holds each
    actor to having changed something, and everyone else to having changed nothing.
    Rows whose labels are in `changing_nothing` answer 302 to say no (e.g. too late)."""
    from dataclasses import replace

    from .world import PERSONAS

    def given(row: Row) -> Row:
        if row.method != "post" or row.effects or row.name not in actions:
            return row
        if row.label in changing_nothing:
            return row
        actors = [persona for persona in PERSONAS if row.expected(persona) == 302]
        if not actors:
            return row
        effect = creates(AuditEntry, action__startswith=actions[row.name], actor=ACTOR)
        return replace(row, effects=acting(actors, effect))

    return [given(row) for row in rows]
