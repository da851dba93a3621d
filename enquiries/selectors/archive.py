"""Reads for the research archive: a project's archive page and one item's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from ..models import ArchiveCategory, ArchiveFileVersion, ArchiveItem, Project


@dataclass
class ArchivePage:
    categories: Sequence[ArchiveCategory]  # each with item_count
    category: ArchiveCategory | None  # the one shown, or None for everything
    items: Page


def archive_items(project: Project, category: ArchiveCategory | None) -> QuerySet[ArchiveItem]:
    """The project's items (one category's, if given), most recently updated first."""
    items = ArchiveItem.objects.filter(project=project).select_related(
        "category", "cluster", "uploaded_by", "current_version"
    )
    if category is not None:
        items = items.filter(category=category)
    return items.order_by("-updated_at", "-pk")


def archive_page(project: Project, *, category_slug: str | None, page_number) -> ArchivePage:
    """Queries: the categories with their counts, then the items' count and page."""
    categories = list(
        ArchiveCategory.objects.filter(project=project)
        .annotate(item_count=Count("items"))
        .order_by("position", "name")
    )
    category = next((c for c in categories if c.slug == category_slug), None)
    items = archive_items(project, category)
    return ArchivePage(
        categories=categories,
        category=category,
        items=Paginator(items, settings.PAGE_SIZE).get_page(page_number),
    )


def item_versions(item: ArchiveItem) -> list[ArchiveFileVersion]:
    """Every version, newest first, with who uploaded it. One query."""
    return list(item.versions.select_related("uploaded_by").order_by("-number"))
