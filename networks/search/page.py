"""The search page's reads: each kind as a capped group with its count, or one kind
paged through. Queries: one or two per kind (rows; a count only when there are more
rows than the group shows), or two for one kind (count, page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

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
    groups = []
    for each in kinds():
        found = each.find(user, terms)
        rows = list(found[: GROUP_LIMIT + 1])
        total = len(rows) if len(rows) <= GROUP_LIMIT else found.count()
        groups.append(Group(kind=each, rows=rows[:GROUP_LIMIT], total=total))
    return SearchPage(terms=terms, groups=groups)
