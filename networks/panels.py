"""The register's panel on the home page ("My work"): roles, LAs, clusters, schools."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .selectors import my_work


@dataclass(frozen=True)
class Panel:
    """One app's part of the home page: its template, given `work` as its data."""

    template: str
    work: Any


def register_panel(user) -> Panel:
    return Panel("networks/_home_panel.html", my_work(user))
