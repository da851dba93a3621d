"""Search columns that keep themselves up to date.

A model that is searched declares `search_columns = {"search_name": ("name", normalise)}`
(column -> (the field it is made from, how)) and mixes in `KeepsSearchColumns`; its
queryset mixes in `SearchColumnsQuerySet`. Then every ordinary way of writing the
source field writes the column too:

- `save()` (services, the admin, forms, factories), also with `update_fields`;
- `bulk_create` / `bulk_update` (the register import, the demo, the benchmark);
- `queryset.update(name="...")`; an expression there (F(), Concat()) is refused,
  because the column could not follow it.

Raw SQL that writes a source column must write the search column as well (the
register import's fast update does: networks/gias/importer.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.db import models

SearchColumns = dict[str, tuple[str, Callable[[Any], str]]]


def search_columns_of(model) -> SearchColumns:
    # Historical models in migrations have no search_columns (nor need them).
    return getattr(model, "search_columns", {})


def fill_search_columns(obj) -> None:
    for column, (source, make) in search_columns_of(type(obj)).items():
        setattr(obj, column, make(getattr(obj, source)))


def columns_following(model, fields: Iterable[str]) -> list[str]:
    """The search columns made from any of `fields`, not already among them."""
    fields = set(fields)
    return [
        column
        for column, (source, _make) in search_columns_of(model).items()
        if source in fields and column not in fields
    ]


class KeepsSearchColumns:
    search_columns: ClassVar[SearchColumns] = {}

    def save(self, *args, **kwargs) -> None:
        fill_search_columns(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = [
                *update_fields,
                *columns_following(type(self), update_fields),
            ]
        super().save(*args, **kwargs)  # type: ignore[misc]


class SearchColumnsMixin:
    """For a model's QuerySet class (before models.QuerySet among its bases)."""

    model: Any

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            fill_search_columns(obj)
        if kwargs.get("update_fields"):
            fields = kwargs["update_fields"]
            kwargs["update_fields"] = [*fields, *columns_following(self.model, fields)]
        return super().bulk_create(objs, *args, **kwargs)  # type: ignore[misc]

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        following = columns_following(self.model, fields)
        if following:
            for obj in objs:
                fill_search_columns(obj)
        return super().bulk_update(objs, [*fields, *following], *args, **kwargs)  # type: ignore[misc]

    def update(self, **kwargs):
        for column, (source, make) in search_columns_of(self.model).items():
            if source in kwargs and column not in kwargs:
                value = kwargs[source]
                if hasattr(value, "resolve_expression"):
                    raise TypeError(
                        f"{self.model.__name__}.{column} cannot follow an expression for "
                        f"{source}: give a value, or save each row."
                    )
                kwargs[column] = make(value)
        return super().update(**kwargs)  # type: ignore[misc]


class SearchColumnsQuerySet(SearchColumnsMixin, models.QuerySet):
    pass
