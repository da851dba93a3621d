"""Parts of the register's pages that apps above fill in.

The register cannot import the apps above it, yet its pages should lead on to their
work: an LA's page to its projects, a cluster's page to the projects it works in and
its questions, the account page to what a person facilitates. An app registers a
*section builder* for a page from its AppConfig.ready(), as it registers a reach with
networks.scope.extend_scope; the page's view asks for its sections and includes each
one's template, as the home page does with panels (config/home.py).

A builder is `(user, obj) -> Panel | None`; None leaves the section out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .panels import Panel

SectionBuilder = Callable[[Any, Any], Panel | None]

# page name -> {section name: builder}, in registration order.
_SECTIONS: dict[str, dict[str, SectionBuilder]] = {}

PAGES = ("la_detail", "cluster_detail", "account")


def extend_page(page: str, name: str, build: SectionBuilder) -> None:
    """Add a section to one of the register's pages (idempotent per name)."""
    if page not in PAGES:
        raise ValueError(f"No such page to extend: {page!r}")
    _SECTIONS.setdefault(page, {})[name] = build


def sections_for(page: str, user, obj=None) -> list[Panel]:
    return [
        section
        for build in _SECTIONS.get(page, {}).values()
        if (section := build(user, obj)) is not None
    ]
