"""Who may read and record evidence, baselines and key drivers, as SQL conditions:
the single definition. The querysets (`EvidenceItem.objects.visible_to(user)`, ...)
are built from these; evidence/rules.py answers the same questions for one object in
memory, and tests/evidence/test_access_agreement.py walks a generated world (every
person × every object) and fails if the two ever differ.

**Reading.** Whoever can open a project (enquiries.access_q.visible_projects) reads
its baselines, reviews, codebook, heat table and key drivers. An evidence item is
read only by someone who may also read its source: a log entry by its visibility
(enquiries.access_q_logs.visible_log_entries: a private entry's evidence stays with
its author); a meeting's notes by whoever may read those notes
(meetings.access_q.readable_notes: once circulated, the project's readers; while
being checked, the meeting's managers and the clusters asked; a draft, its managers);
feedback responses and archive items by whoever sees the project.
Counts and lists only ever include the items the reader may read.

**Coding** (adding evidence from any of the project's sources, adding the project's
own codes and memos, writing baselines and progress reviews for any cluster):

| who                                                        | where                    |
|------------------------------------------------------------|--------------------------|
| staff; the national team                                   | every project            |
| the LA's co-leaders and officers                           | their LA's project       |
| the project's LA-to-LA facilitators (enquiries.Facilitation)| that project             |
| facilitators of the project's initiative                   | its every project        |
| consultants to any of the project's clusters               | that project             |
| cluster leads                                              | evidence, baselines and  |
|                                                            | reviews of their own     |
|                                                            | cluster in the project   |

**Naming key drivers** (and their change ideas, removing them): staff, the national
team, the LA's co-leaders, the project's LA-to-LA facilitators and its initiative's
facilitators.

Nobody codes a source they cannot read: the services check the source with the
enquiries (or meetings) rules before saving.
"""

from __future__ import annotations

from django.db.models import Q

from enquiries.access_q import visible_projects
from enquiries.access_q_logs import visible_log_entries
from enquiries.reach import reach_of
from meetings.access_q import readable_notes as meetings_readable_notes
from networks.scope import scope_for

NOTHING = Q(pk__in=[])
_CACHE_ATTR = "_evidence_reach"


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _on(prefix: str):
    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return q


class EvidenceReach:
    """The projects a person's consultancy or cluster leadership reaches: read once
    (at most two queries) when first asked, then kept on the user object like the
    Scope (networks.scope), so a page's checks cost no further query."""

    def __init__(self, user):
        from enquiries.models import ClusterParticipation
        from networks.models import Role, RoleAssignment

        scope = scope_for(user)
        self.consultant_project_ids: frozenset[int] = frozenset()
        self.lead_projects: frozenset[tuple[int, int]] = frozenset()  # (project, cluster)
        if scope.cluster_ids:
            consulted = (
                RoleAssignment.objects.current()
                .filter(user=user, role=Role.CONSULTANT, cluster__isnull=False)
                .values("cluster_id")
            )
            self.consultant_project_ids = frozenset(
                ClusterParticipation.objects.filter(cluster_id__in=consulted)
                .order_by()
                .values_list("project_id", flat=True)
            )
        if scope.lead_cluster_ids:
            self.lead_projects = frozenset(
                ClusterParticipation.objects.filter(cluster_id__in=scope.lead_cluster_ids)
                .order_by()
                .values_list("project_id", "cluster_id")
            )

    @property
    def lead_project_ids(self) -> frozenset[int]:
        return frozenset(project for project, _cluster in self.lead_projects)


def evidence_reach(user) -> EvidenceReach:
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = EvidenceReach(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_evidence_reach(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- Reading ---------------------------------------------------------------------------


def visible_project_records(user, prefix: str = "") -> Q:
    """Baselines, key drivers and anything else hung on a project: its readers."""
    return visible_projects(user, f"{prefix}project__")


def visible_reviews(user, prefix: str = "") -> Q:
    return visible_project_records(user, f"{prefix}baseline__")


def visible_evidence(user, prefix: str = "") -> Q:
    """The project's readers, who may also read the source: one term per kind of
    source with a rule of its own (log entries, meeting notes)."""
    if not _signed_in(user):
        return NOTHING
    from meetings.models import MeetingNotes

    q = _on(prefix)
    readable_notes = MeetingNotes.objects.filter(meetings_readable_notes(user)).values("pk")
    return (
        visible_projects(user, f"{prefix}project__")
        & (q(log_entry__isnull=True) | visible_log_entries(user, f"{prefix}log_entry__"))
        & (q(notes_version__isnull=True) | q(notes_version__notes__in=readable_notes))
    )


# --- Coding and naming drivers ---------------------------------------------------------


def coding_projects(user, prefix: str = "") -> Q:
    """Projects whose every source the person codes (see the table above)."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    reach = reach_of(user)
    q = _on(prefix)
    return (
        q(la_id__in=scope.officer_la_ids)
        | q(pk__in=reach.facilitated_project_ids | evidence_reach(user).consultant_project_ids)
        | q(initiative_id__in=reach.facilitated_initiative_ids)
    )


def contributing_projects(user, prefix: str = "") -> Q:
    """Projects the person adds some evidence to: the coders', and the projects their
    led clusters take part in."""
    if not _signed_in(user):
        return NOTHING
    if scope_for(user).sees_everything:
        # Checked first: an empty Q() ORed with another is the other, not "all".
        return Q()
    return coding_projects(user, prefix) | _on(prefix)(pk__in=evidence_reach(user).lead_project_ids)


def driving_projects(user, prefix: str = "") -> Q:
    """Projects whose key drivers the person names."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    reach = reach_of(user)
    q = _on(prefix)
    return (
        q(la_id__in=scope.coleader_la_ids)
        | q(pk__in=reach.facilitated_project_ids)
        | q(initiative_id__in=reach.facilitated_initiative_ids)
    )


def baseline_participations(user, prefix: str = "") -> Q:
    """ClusterParticipation rows whose baselines (and reviews) the person writes: the
    project's coders, and the cluster's own leads."""
    if not _signed_in(user):
        return NOTHING
    if scope_for(user).sees_everything:
        return Q()
    return coding_projects(user, f"{prefix}project__") | _on(prefix)(
        cluster_id__in=scope_for(user).lead_cluster_ids
    )
