"""The access matrix: who gets what from every URL in the project.

Each area keeps its rows in tests/access/rows_<area>.py as `ROWS: list[Row]`; this
module imports every such file. test_access_matrix.py then

* runs every row for every persona in world.PERSONAS against the world built by
  world.build_world(), each request inside a transaction rolled back afterwards, and
  reports every mismatch of a row in one message;
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
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

LOGIN = "login"
ANONYMOUS = "anonymous"

Status = int | str

# Every signed-in persona sees it; anonymous visitors are sent to sign in.
SIGNED_IN: dict[str, Status] = {ANONYMOUS: LOGIN}


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
