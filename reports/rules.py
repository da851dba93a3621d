"""Case-study permissions for one project in memory, without a query: the mirror of
reports/access_q.py (the definition)."""

from __future__ import annotations

import rules

from enquiries.reach import reach_of
from enquiries.rules import _signed_in, may_manage_project, sees_project
from networks.scope import scope_for


def may_read_report(user, project) -> bool:
    return sees_project(user, project)


def may_request_report(user, project) -> bool:
    if not _signed_in(user):
        return False
    if may_manage_project(user, project):
        return True
    reach = reach_of(user)
    return (
        project.la_id in scope_for(user).officer_la_ids
        or project.pk in reach.facilitated_project_ids
        or project.initiative_id in reach.facilitated_initiative_ids
    )


@rules.predicate
def can_request_report(user, project) -> bool:
    return may_request_report(user, project)


rules.add_perm("reports.request_report", can_request_report)
