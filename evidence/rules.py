"""Who may read and record evidence, for one object already in memory: the mirror of
evidence/access_q.py (the definition, whose docstring states the rules), held equal
to it by tests/evidence/test_access_agreement.py. No queries beyond the person's Scope,
EnquiryReach and EvidenceReach (each read once per request); objects must be loaded
with what the predicates read (evidence/access.py does the select_related)."""

from __future__ import annotations

import rules

from enquiries.reach import reach_of
from enquiries.rules import sees_project
from enquiries.rules_logs import sees_log_entry
from meetings.rules import reads_notes
from networks.scope import scope_for

from .access_q import evidence_reach


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def sees_evidence_pages(user, project) -> bool:
    return sees_project(user, project)


def sees_evidence(user, item) -> bool:
    """Load the item with its project, its log entry (and the entry's project) and
    its notes version's notes (with their meeting's project and their checks)."""
    if not sees_project(user, item.project):
        return False
    if item.log_entry_id is not None and not sees_log_entry(user, item.log_entry):
        return False
    return item.notes_version_id is None or reads_notes(user, item.notes_version.notes)


def codes_project(user, project) -> bool:
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if scope.sees_everything or project.la_id in scope.officer_la_ids:
        return True
    reach = reach_of(user)
    return (
        project.pk in reach.facilitated_project_ids
        or project.initiative_id in reach.facilitated_initiative_ids
        or project.pk in evidence_reach(user).consultant_project_ids
    )


def leads_cluster_in(user, project, cluster_id) -> bool:
    """A lead of this cluster, which takes part in the project."""
    return _signed_in(user) and (project.pk, cluster_id) in evidence_reach(user).lead_projects


def contributes_to(user, project) -> bool:
    """Adds some evidence to the project: a coder, or a lead of one of its clusters."""
    return codes_project(user, project) or (
        _signed_in(user) and project.pk in evidence_reach(user).lead_project_ids
    )


def may_add_evidence(user, project, cluster_id) -> bool:
    """Evidence about `cluster_id` (None: about the project as a whole)."""
    return codes_project(user, project) or (
        cluster_id is not None and leads_cluster_in(user, project, cluster_id)
    )


def names_drivers(user, project) -> bool:
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if scope.sees_everything or project.la_id in scope.coleader_la_ids:
        return True
    reach = reach_of(user)
    return (
        project.pk in reach.facilitated_project_ids
        or project.initiative_id in reach.facilitated_initiative_ids
    )


def writes_baseline(user, participation) -> bool:
    """Baselines and reviews of one cluster's part in a project."""
    return codes_project(user, participation.project) or (
        _signed_in(user) and participation.cluster_id in scope_for(user).lead_cluster_ids
    )


def writes_any_baseline(user, project) -> bool:
    return codes_project(user, project) or (
        _signed_in(user) and project.pk in evidence_reach(user).lead_project_ids
    )


rules.add_perm("evidence.view_project", rules.predicate(sees_evidence_pages))
rules.add_perm("evidence.code_project", rules.predicate(codes_project))
rules.add_perm("evidence.name_drivers", rules.predicate(names_drivers))
