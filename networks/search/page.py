"""The search page's reads: each kind as a capped group with its count, or one kind
paged through. Queries: one per kind (rows with their count; people's roles too; a
separate count where the rows need DISTINCT), or two for one kind (count, page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
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
    if one is not None:
        pages = Paginator(one.find(user, terms), PAGE_SIZE)
        return SearchPage(terms=terms, kind=one, page=pages.get_page(page))
    groups = [_group(each, each.find(user, terms)) for each in kinds()]
    return SearchPage(terms=terms, groups=groups)


def _group(kind: SearchKind, found: QuerySet) -> Group:
    """The first rows and how many there are: one query (the count rides along as a
    window over the same scan), or two when the rows need DISTINCT, which a window
    count would not see."""
    if found.query.distinct:
        rows = list(found[:GROUP_LIMIT])
        return Group(kind=kind, rows=rows, total=found.count())
    rows = list(found.annotate(search_total=Window(Count("pk")))[:GROUP_LIMIT])
    return Group(kind=kind, rows=rows, total=rows[0].search_total if rows else 0)
