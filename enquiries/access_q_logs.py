"""Who writes reflective logs in which project, and who reads each entry: the
definition, as SQL conditions (the scoped querysets are built from these).
enquiries/rules_logs.py answers the same questions for one object in memory;
tests/enquiries/test_access_agreement_logs.py walks a generated world and fails if
the two ever differ.

**Taking part in a project** (writing log entries, adding to its archive, being
reminded): the officers of its LA (co-leaders and officers), the people of its
clusters (leads, members, consultants, link advisers), the contacts of its schools,
its LA-to-LA facilitators and its initiative's facilitators. The national team and
staff see every project but take part in none.

**Reading an entry**, by its visibility:

| visibility        | who reads it                                              |
|-------------------|-----------------------------------------------------------|
| only me           | its author (nobody else: not staff, not the national team) |
| my cluster        | its author and the people of its cluster                   |
| the whole project | everyone who can open the project                          |
"""

from __future__ import annotations

from django.db.models import Q

from networks.scope import scope_for

from .access_q import NOTHING, _on, _signed_in, visible_projects
from .reach import reach_of


def reminded_projects(user, prefix: str = "") -> Q:
    """Projects the person is reminded to write in: those they take part in, less the
    ones they only reach as their initiative's facilitator (they would be reminded by
    every project of the initiative). The reminder sweep (enquiries/reminders.py)
    finds the same people set-based; a test holds the two equal."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    reach = reach_of(user)
    q = _on(prefix)
    return q(la_id__in=scope.officer_la_ids) | q(
        pk__in=reach.participating_project_ids | reach.facilitated_project_ids
    )


def participating_projects(user, prefix: str = "") -> Q:
    """Projects the person takes part in (see the module docstring)."""
    if not _signed_in(user):
        return NOTHING
    return reminded_projects(user, prefix) | _on(prefix)(
        initiative_id__in=reach_of(user).facilitated_initiative_ids
    )


def visible_log_entries(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    q = _on(prefix)
    scope = scope_for(user)
    return (
        q(author_id=user.pk)
        | (q(visibility="cluster") & q(cluster_id__in=scope.cluster_ids))
        | (q(visibility="project") & visible_projects(user, f"{prefix}project__"))
    )
