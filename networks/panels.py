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


def proposals_panel(user) -> Panel | None:
    """Membership proposals: those waiting for this person's answer (LA officers), and
    what became of their own (cluster leads). None when there are neither."""
    from .cluster_selectors import proposals_made_by, proposals_waiting_for
    from .scope import scope_for

    scope = scope_for(user)
    waiting = proposals_waiting_for(user) if user.is_staff or scope.officer_la_ids else None
    made = proposals_made_by(user) if scope.lead_cluster_ids else []
    if not (waiting and waiting.total) and not made:
        return None
    return Panel("networks/_proposals_panel.html", {"waiting": waiting, "made": made})
