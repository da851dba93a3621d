"""The kinds of result search knows, registered by the apps that own them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from .text import Terms

# (user, terms) -> the matching rows the person may see, best first, with what the
# row template reads already joined (select_related / prefetch_related).
Finder = Callable[[Any, Terms], QuerySet]
# (rows shown) -> None: adds what the template reads to the few rows shown, in one
# query, where joining it into the search itself would cost more.
Decorator = Callable[[list], None]


@dataclass(frozen=True)
class SearchKind:
    key: str  # in URLs: ?kind=schools
    title: str  # "Schools"
    noun: str  # "school"
    plural: str  # "schools"
    template: str  # one result, inside an <li>; the row is `item`
    find: Finder
    position: int = 100  # order on the page
    decorate: Decorator | None = None


_KINDS: dict[str, SearchKind] = {}


def register_kind(kind: SearchKind) -> None:
    """Add a kind of result to search (idempotent per key)."""
    _KINDS[kind.key] = kind


def kinds() -> list[SearchKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.position, kind.key))


def kind_named(key: str | None) -> SearchKind | None:
    return _KINDS.get(key or "")
