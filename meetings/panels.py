"""The meetings panel on the home page: notes waiting on this person to check (for
their cluster), notes they wrote that a cluster wants corrected, and the meetings
they attend this week (London time).

Bounded queries: their meetings this week for everyone; notes to check for cluster
leads and members; notes to revise only for those who may write notes (staff, LA
co-leaders and officers, consultants and link advisers); their cluster roles read
once. No panel when there is nothing to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from networks.panels import Panel
from networks.scope import scope_for

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
    # Only those who may write notes can have notes to revise (meetings/access_q.py).
    writes_notes = (
        user.is_staff or scope_for(user).officer_la_ids or roles_of(user).adviser_cluster_ids
    )
    to_revise = list(notes_to_revise(user)[:SHOWN]) if writes_notes else []
    start, end = week_bounds()
    this_week = list(
        attending(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")[:SHOWN]
    )
    if not (to_check or to_revise or this_week):
        return None
    return Panel("meetings/_home_panel.html", MeetingsWork(to_check, to_revise, this_week))
