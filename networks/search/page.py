"""The search page's reads: each kind as a capped group with its count, or one kind
paged through. Queries: one per kind (rows with their count; people's roles too; a
separate count where the rows need DISTINCT), or two for one kind (count, page);
on PostgreSQL two more, setting the planner's costs and back (index_friendly_costs).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet, Window

from .registry import SearchKind, kind_named, kinds
from .text import Terms, read_query

GROUP_LIMIT = 5
PAGE_SIZE = 20


@dataclass
class Group:
    kind: SearchKind
    rows: list
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


@dataclass
class SearchPage:
    terms: Terms
    groups: list[Group] = field(default_factory=list)
    kind: SearchKind | None = None  # paging through one kind
    page: Page | None = None

    @property
    def total(self) -> int:
        if self.page is not None:
            return self.page.paginator.count
        return sum(group.total for group in self.groups)

    @property
    def found(self) -> list[Group]:
        return [group for group in self.groups if group.total]


def search(user, typed: str | None, *, kind: str | None = None, page: str | int = 1) -> SearchPage:
    terms = read_query(typed)
    if not terms.searchable:
        return SearchPage(terms=terms)
    one = kind_named(kind)
    with index_friendly_costs():
        if one is not None:
            found = Paginator(one.find(user, terms), PAGE_SIZE).get_page(page)
            found.object_list = _decorated(one, list(found.object_list))  # inside the block
            return SearchPage(terms=terms, kind=one, page=found)
        groups = [_group(each, each.find(user, terms)) for each in kinds()]
    return SearchPage(terms=terms, groups=groups)


@contextmanager
def index_friendly_costs() -> Iterator[None]:
    """On PostgreSQL, plan the search queries for SSD storage (random_page_cost 1.1),
    then put the connection's setting back.

    With the default of 4 (spinning disks), PostgreSQL prices a trigram index scan
    above reading the whole schools table, and scans 26,000 rows for "%oak%" (13 ms)
    where the index finds the 500 matches in 1 ms. 1.1 is the usual setting for SSDs,
    which every managed PostgreSQL uses. Set and reset around the search (not SET
    LOCAL: that needs a transaction, and on SQLite a transaction here takes the write
    lock), so no other page's plans change.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET random_page_cost = 1.1")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET random_page_cost")


def _group(kind: SearchKind, found: QuerySet) -> Group:
    """The first rows and how many there are: one query (the count rides along as a
    window over the same scan), or two when the rows need DISTINCT, which a window
    count would not see."""
    if found.query.distinct:
        rows = _decorated(kind, list(found[:GROUP_LIMIT]))
        return Group(kind=kind, rows=rows, total=found.count())
    rows = _decorated(kind, list(found.annotate(search_total=Window(Count("pk")))[:GROUP_LIMIT]))
    return Group(kind=kind, rows=rows, total=rows[0].search_total if rows else 0)


def _decorated(kind: SearchKind, rows: list) -> list:
    if rows and kind.decorate is not None:
        kind.decorate(rows)
    return rows
