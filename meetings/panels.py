"""The meetings panel on the home page: notes waiting on this person to check (for
their cluster), notes they wrote that a cluster wants corrected, and the meetings
they attend this week (London time).

Three bounded queries for someone with a cluster role or meetings; one (their
meetings this week) for anyone else. No panel when there is nothing to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from networks.panels import Panel

from .models import ClusterCheck, Meeting, MeetingNotes
from .reach import roles_of
from .selectors.meetings import attending, notes_to_check, notes_to_revise, week_bounds

SHOWN = 5


@dataclass
class MeetingsWork:
    to_check: list[ClusterCheck]
    to_revise: list[MeetingNotes]
    this_week: list[Meeting]


def meetings_panel(user) -> Panel | None:
    to_check = list(notes_to_check(user)[:SHOWN]) if roles_of(user).member_cluster_ids else []
    to_revise = list(notes_to_revise(user)[:SHOWN])
    start, end = week_bounds()
    this_week = list(
        attending(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")[:SHOWN]
    )
    if not (to_check or to_revise or this_week):
        return None
    return Panel("meetings/_home_panel.html", MeetingsWork(to_check, to_revise, this_week))
