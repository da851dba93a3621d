"""Reflective logs and the research archive for one object in memory, without a
query: the mirror of enquiries/access_q_logs.py (the definition), held equal to it
by tests/enquiries/test_access_agreement_logs.py.
"""

from __future__ import annotations

import rules

from networks.scope import scope_for

from .reach import reach_of
from .rules import _signed_in, may_manage_project, sees_project


def takes_part_in(user, project) -> bool:
    """Writes log entries in the project, adds to its archive, is reminded."""
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if project.la_id in scope.officer_la_ids:
        return True
    reach = reach_of(user)
    return (
        project.pk in reach.facilitated_project_ids
        or project.initiative_id in reach.facilitated_initiative_ids
        or project.pk in reach.participating_project_ids
    )


def sees_log_entry(user, entry) -> bool:
    """Load the entry with its project (the access helper does)."""
    if not _signed_in(user):
        return False
    if entry.author_id == user.pk:
        return True
    if entry.visibility == "cluster":
        return entry.cluster_id in scope_for(user).cluster_ids
    if entry.visibility == "project":
        return sees_project(user, entry.project)
    return False


def may_write_log(user, project) -> bool:
    return takes_part_in(user, project)


def may_add_to_archive(user, project) -> bool:
    return may_manage_project(user, project) or takes_part_in(user, project)


def may_add_version(user, item) -> bool:
    """A new version of an item: who uploaded it, the project's managers, and the
    leads of the item's cluster (who still take part)."""
    if not _signed_in(user):
        return False
    if may_manage_project(user, item.project):
        return True
    if not takes_part_in(user, item.project):
        return False
    return item.uploaded_by_id == user.pk or (
        item.cluster_id is not None and item.cluster_id in scope_for(user).lead_cluster_ids
    )


@rules.predicate
def can_write_log(user, project) -> bool:
    return may_write_log(user, project)


@rules.predicate
def can_add_to_archive(user, project) -> bool:
    return may_add_to_archive(user, project)


rules.add_perm("enquiries.write_log", can_write_log)
rules.add_perm("enquiries.add_to_archive", can_add_to_archive)
