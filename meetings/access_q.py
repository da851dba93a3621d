"""Who may read and run meetings and their notes, as SQL conditions: the single
definition. meetings/rules.py answers the same questions for one object in memory;
tests/meetings/test_access_agreement.py walks a generated world and fails if the two
ever differ.

| who                                          | reads meetings  | creates, edits; writes notes |
|----------------------------------------------|-----------------|------------------------------|
| staff                                        | every project's | every project's              |
| the national team                            | every project's | nothing                      |
| co-leaders and officers of the project's LA  | their LA's      | their LA's projects'         |
| consultants and link advisers of a cluster   | the project's   | the projects their clusters  |
| taking part in the project                   |                 | take part in                 |
| anyone else who sees the project (its        | the project's   | nothing                      |
| clusters' leads and members, its schools'    |                 |                              |
| contacts, its LA-to-LA facilitators)         |                 |                              |

A meeting belongs to one project, so it is read by whoever sees the project
(enquiries/access_q.visible_projects). Its notes are read:
- as a draft: by the meeting's managers (above) only;
- while being checked: by the managers and the people of the clusters asked to check;
- once circulated: by everyone who reads the meeting.

The notes' author (the manager who started them, usually the consultant) revises and
sends them; staff may act for an author who has left. A cluster's check (confirm, or
ask for corrections) is answered by that cluster's leads and members only: it is the
cluster's voice, so not staff, not its advisers.
"""

from __future__ import annotations

from django.db.models import Q

from enquiries.access_q import visible_projects
from networks.scope import scope_for

from .reach import roles_of

NOTHING = Q(pk__in=[])


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def managed_project_ids(user) -> tuple[frozenset[int], frozenset[int]] | None:
    """(LA ids, project ids) whose meetings the person runs; None: every project."""
    if not _signed_in(user):
        return frozenset(), frozenset()
    if user.is_staff:
        return None
    return scope_for(user).officer_la_ids, roles_of(user).advised_project_ids


def managed_projects(user, prefix: str = "") -> Q:
    """Projects the person may hold meetings for (Project rows, or through `prefix`)."""
    if not _signed_in(user):
        return NOTHING
    managed = managed_project_ids(user)
    if managed is None:
        return Q()
    la_ids, project_ids = managed
    return Q(**{f"{prefix}la_id__in": la_ids}) | Q(**{f"{prefix}pk__in": project_ids})


def visible_meetings(user, prefix: str = "") -> Q:
    return visible_projects(user, f"{prefix}project__")


def managed_meetings(user, prefix: str = "") -> Q:
    return managed_projects(user, f"{prefix}project__")


def readable_notes(user) -> Q:
    """MeetingNotes rows the person may read."""
    if not _signed_in(user):
        return NOTHING
    if managed_project_ids(user) is None:
        return Q()
    from .models import MeetingNotes

    being_checked_by_mine = MeetingNotes.objects.filter(
        state=MeetingNotes.State.CHECKING, checks__cluster_id__in=scope_for(user).cluster_ids
    ).values("pk")
    return (
        managed_meetings(user, "meeting__")
        | (Q(state=MeetingNotes.State.CIRCULATED) & visible_meetings(user, "meeting__"))
        | Q(pk__in=being_checked_by_mine)
    )


def answerable_checks(user, prefix: str = "") -> Q:
    """ClusterCheck rows the person may answer now: their cluster's, on notes being
    checked."""
    if not _signed_in(user):
        return NOTHING
    from .models import MeetingNotes

    return Q(
        **{
            f"{prefix}notes__state": MeetingNotes.State.CHECKING,
            f"{prefix}cluster_id__in": roles_of(user).member_cluster_ids,
        }
    )
