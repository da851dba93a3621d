"""Who may read and run meetings and their notes, for one object in memory.

The definition is meetings/access_q.py (see its table); these predicates answer the
same questions without a query beyond the person's Scope (worked out once per
request). tests/meetings/test_access_agreement.py proves the two agree.
Objects must be loaded with what they read: a meeting with its project, notes with
their meeting's project and their checks (meetings/access.py does it).
"""

from __future__ import annotations

import rules

from enquiries.rules import sees_project
from networks.scope import scope_for

from . import access_q
from .reach import roles_of


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_project(user, project) -> bool:
    """Holds meetings for the project (and writes their notes)."""
    if not _signed_in(user):
        return False
    managed = access_q.managed_project_ids(user)
    if managed is None:
        return True
    la_ids, project_ids = managed
    return project.la_id in la_ids or project.pk in project_ids


def sees_meeting(user, meeting) -> bool:
    return sees_project(user, meeting.project)


def manages_meeting(user, meeting) -> bool:
    return manages_project(user, meeting.project)


def reads_notes(user, notes) -> bool:
    """Reads notes.checks.all(): prefetch it."""
    if not _signed_in(user):
        return False
    meeting = notes.meeting
    if manages_meeting(user, meeting):
        return True
    if notes.is_circulated:
        return sees_meeting(user, meeting)
    if notes.is_checking:
        mine = scope_for(user).cluster_ids
        return any(check.cluster_id in mine for check in notes.checks.all())
    return False


def may_write_notes(user, meeting, notes=None) -> bool:
    """Start, revise and send the notes: a manager starts them and becomes their
    author; from then on the author (or staff). Circulated notes are final."""
    if not manages_meeting(user, meeting):
        return False
    if notes is None:
        return True
    if notes.is_circulated:
        return False
    return notes.author_id == user.pk or user.is_staff


def may_answer_check(user, check) -> bool:
    """A cluster's leads and members answer its check, while the notes are checked."""
    return (
        _signed_in(user)
        and check.notes.is_checking
        and check.cluster_id in roles_of(user).member_cluster_ids
    )


def checks_for(user, notes) -> list:
    """The checks of `notes` the person may answer (reads notes.checks.all())."""
    return [check for check in notes.checks.all() if may_answer_check(user, check)]


rules.add_perm("meetings.manage_project", rules.predicate(manages_project))
rules.add_perm("meetings.view_meeting", rules.predicate(sees_meeting))
rules.add_perm("meetings.manage_meeting", rules.predicate(manages_meeting))
