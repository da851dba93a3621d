"""Reads that networks pages share: access helpers, register lists, "My work".

Site search lives in networks.search.

Every list is built from a `visible_to(user)` queryset or from an object the person
was already allowed to open, and every function issues a fixed number of queries
whatever the size of the register (counts are annotations or grouped aggregates,
never a query per row).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from . import rules
from .models import (
    AuditEntry,
    Cluster,
    Invitation,
    LocalAuthority,
    Membership,
    Role,
    RoleAssignment,
    School,
)
from .models.people import CLUSTER_ROLES, LA_ROLES
from .models.register import active_membership_q
from .scope import scope_for

# How many rows a summary shows before pointing at the full list.
SUMMARY_LIMIT = 10


def _count(queryset: QuerySet, group_by: str) -> Coalesce:
    """A correlated COUNT for annotations: `queryset` must already filter on OuterRef.

    A subquery rather than Count() over a join, so two counts on one row never
    multiply each other, and LAs with no schools read 0 rather than NULL.
    """
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _active_membership(**where) -> Exists:
    return Exists(Membership.objects.active().filter(**where))


def _active_membership_join(prefix: str) -> Q:
    """An active membership reached through a join (see active_membership_q)."""
    return Q(**{f"{prefix}isnull": False}) & active_membership_q(prefix)


def _member_count() -> Coalesce:
    """Current members of the cluster on the outer row."""
    return _count(Membership.objects.active().filter(cluster=OuterRef("pk")), "cluster")


# --- Access helpers: one per object kind, taking the action. 404 for anyone outside the
# person's scope (the same answer as for one that does not exist); 403 for someone who
# sees it but may not take the action.

LA_ACTIONS = {
    "view": lambda user, la: True,
    "manage": rules.leads_la,
    # Set up a cluster it hosts: its co-leaders and officers, staff.
    "create_cluster": rules.may_create_cluster_in,
}
CLUSTER_ACTIONS = {
    "view": lambda user, cluster: True,
    "manage": rules.leads_cluster,
    # Invite people to roles in it: the host LA's co-leaders (or staff), while it runs.
    "invite": lambda user, cluster: (
        rules.leads_la(user, cluster.host_la) and cluster.dissolved_on is None
    ),
    # Change its details, members and lead school: the host LA's officers, staff.
    "edit": rules.manages_members,
    # Ask the host LA to add a school: the cluster's leads.
    "propose": rules.may_propose_member,
}


def _allow(user, obj, action: str, checks: dict):
    if action not in checks:
        raise ValueError(f"Unknown action: {action!r}")
    if not checks[action](user, obj):
        raise PermissionDenied
    return obj


def get_la_for_user(user, code: str, *, action: str = "view") -> LocalAuthority:
    la = LocalAuthority.objects.visible_to(user).filter(code=str(code)).first()
    if la is None:
        raise Http404("No such local authority")
    return _allow(user, la, action, LA_ACTIONS)


def get_cluster_for_user(user, pk, *, action: str = "view") -> Cluster:
    cluster = (
        Cluster.objects.visible_to(user).select_related("host_la").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if cluster is None:
        raise Http404("No such cluster")
    return _allow(user, cluster, action, CLUSTER_ACTIONS)


def get_school_for_user(user, urn: int) -> School:
    try:
        return School.objects.visible_to(user).select_related("la").get(urn=urn)
    except School.DoesNotExist:
        raise Http404("No such school") from None


def can_open_school(user, school: School, via_cluster: Cluster | None = None) -> bool:
    """Whether a link to the school's page would open, without a query.

    Mirrors School.objects.visible_to, checking only the membership we are looking
    at (so a school visible solely through some other cluster goes unlinked here).
    """
    scope = scope_for(user)
    return (
        scope.sees_everything
        or school.la_id in scope.la_ids
        or school.pk in scope.school_ids
        or (via_cluster is not None and via_cluster.pk in scope.cluster_ids)
    )


# --- Local authorities


def la_directory(user) -> QuerySet[LocalAuthority]:
    """LAs the person can see, with their open schools and active clusters counted."""
    return LocalAuthority.objects.visible_to(user).annotate(
        open_schools=_count(School.objects.open().filter(la=OuterRef("pk")), "la"),
        active_clusters=_count(Cluster.objects.active().filter(host_la=OuterRef("pk")), "host_la"),
    )


@dataclass(frozen=True)
class Coverage:
    """How many of an LA's open schools are in at least one active cluster."""

    open_schools: int
    covered: int

    @property
    def isolated(self) -> int:
        return self.open_schools - self.covered

    @property
    def percent(self) -> int | None:
        if not self.open_schools:
            return None
        return round(100 * self.covered / self.open_schools)


def coverage_by_la(la_ids) -> dict[int, Coverage]:
    """Coverage for several LAs in one grouped query (LAs with no open schools: 0 of 0)."""
    rows = (
        School.objects.open()
        .filter(la_id__in=la_ids)
        .values("la_id")
        # A join counted distinctly, not EXISTS inside the aggregate: PostgreSQL turns
        # that into a hashed scan of every membership in the country.
        .annotate(
            total=Count("pk", distinct=True),
            covered=Count("pk", distinct=True, filter=_active_membership_join("memberships__")),
        )
        .order_by()
    )
    found = {row["la_id"]: Coverage(row["total"], row["covered"]) for row in rows}
    return {la_id: found.get(la_id, Coverage(0, 0)) for la_id in la_ids}


def la_coverage(la: LocalAuthority) -> Coverage:
    return coverage_by_la([la.pk])[la.pk]


def clusters_hosted_by(la: LocalAuthority) -> QuerySet[Cluster]:
    """The LA's clusters, running ones first, with current members counted."""
    return la.clusters.annotate(
        member_count=_member_count(),
        has_lead_school=_active_membership(cluster=OuterRef("pk"), is_lead=True),
    ).order_by(F("dissolved_on").asc(nulls_first=True), "name")  # NULLs first on PostgreSQL too


def isolated_schools(la: LocalAuthority) -> QuerySet[School]:
    return School.objects.filter(la=la).isolated().order_by("name", "urn")


def la_schools(la: LocalAuthority) -> QuerySet[School]:
    """The LA's schools, each marked with whether it is in an active cluster now."""
    return School.objects.filter(la=la).annotate(
        in_active_cluster=_active_membership(school=OuterRef("pk"))
    )


def people_at_la(la: LocalAuthority) -> QuerySet[RoleAssignment]:
    """Current roles held at the LA itself and at the clusters it hosts."""
    return (
        RoleAssignment.objects.current()
        .filter(Q(la=la) | Q(cluster__host_la=la))
        .select_related("user", "la", "cluster")
        # The LA's own people first, then each cluster's.
        .order_by(F("cluster__name").asc(nulls_first=True), "role", "user__name")
    )


# --- Clusters and schools


@dataclass
class ClusterMembers:
    current: list[Membership]
    past: list[Membership]
    phase_mix: list[tuple[str, int]]
    lead_schools: list[School]
    pupils: int


def cluster_members(cluster: Cluster) -> ClusterMembers:
    """Every membership of the cluster, current and past, read in one query."""
    memberships = list(
        cluster.memberships.select_related("school", "school__la").order_by(
            "school__name", "-joined_on"
        )
    )
    for membership in memberships:
        membership.cluster = cluster  # already loaded: is_current reads it
    current = [m for m in memberships if m.is_current]
    past = [m for m in memberships if m not in current]
    phases = Counter(m.school.get_phase_display() for m in current)
    return ClusterMembers(
        current=current,
        past=past,
        phase_mix=sorted(phases.items(), key=lambda item: (-item[1], item[0])),
        lead_schools=[m.school for m in current if m.is_lead],
        pupils=sum(m.school.pupils or 0 for m in current),
    )


def people_at_cluster(cluster: Cluster) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.current()
        .filter(cluster=cluster)
        .select_related("user")
        .order_by("role")
    )


def school_memberships(user, school: School) -> QuerySet[Membership]:
    """The school's clusters, past and present, limited to clusters the person may open."""
    return (
        Membership.objects.filter(school=school, cluster__in=Cluster.objects.visible_to(user))
        .select_related("cluster", "cluster__host_la")
        # Current memberships first (no leaving date), then the most recent.
        .order_by(F("left_on").desc(nulls_first=True), "-joined_on", "cluster__name")
    )


# --- My work


@dataclass
class LaWork:
    la: LocalAuthority
    coverage: Coverage
    roles: list[str] = field(default_factory=list)


@dataclass
class RoleLine:
    assignment: RoleAssignment
    url: str | None


def _scope_url(assignment: RoleAssignment) -> str | None:
    scope = assignment.scope
    return scope.get_absolute_url() if scope is not None else None


@dataclass
class MyWork:
    roles: list[RoleLine] = field(default_factory=list)
    las: list[LaWork] = field(default_factory=list)
    clusters_without_lead: list[Cluster] = field(default_factory=list)
    more_clusters_without_lead: bool = False
    clusters: list[Cluster] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    pending_invitations: list[Invitation] = field(default_factory=list)
    national_team: bool = False


def my_work(user) -> MyWork:
    """What needs this person's attention, by the roles they hold.

    At most six queries: roles, LA coverage, leaderless clusters, the person's
    clusters, their pending invitations (plus the Scope, shared with the page).
    """
    roles = list(
        RoleAssignment.objects.current()
        .filter(user=user)
        .select_related("la", "cluster", "cluster__host_la", "school", "school__la")
    )
    work = MyWork(
        roles=[RoleLine(a, _scope_url(a)) for a in roles],
        national_team=scope_for(user).national_team,
    )

    las: dict[int, LaWork] = {}
    cluster_ids: set[int] = set()
    for assignment in roles:
        if assignment.role in LA_ROLES:
            entry = las.setdefault(
                assignment.la_id, LaWork(la=assignment.la, coverage=Coverage(0, 0))
            )
            entry.roles.append(assignment.get_role_display())
        elif assignment.role in CLUSTER_ROLES:
            cluster_ids.add(assignment.cluster_id)
        elif assignment.role == Role.SCHOOL_CONTACT and assignment.school not in work.schools:
            work.schools.append(assignment.school)

    if las:
        coverage = coverage_by_la(list(las))
        for la_id, entry in las.items():
            entry.coverage = coverage[la_id]
        work.las = sorted(las.values(), key=lambda entry: entry.la.name)
        leaderless = list(
            Cluster.objects.active()
            .filter(host_la_id__in=las)
            .exclude(_active_membership(cluster=OuterRef("pk"), is_lead=True))
            .select_related("host_la")
            .order_by("host_la__name", "name")[: SUMMARY_LIMIT + 1]
        )
        work.clusters_without_lead = leaderless[:SUMMARY_LIMIT]
        work.more_clusters_without_lead = len(leaderless) > SUMMARY_LIMIT

    if cluster_ids:
        work.clusters = list(
            Cluster.objects.filter(pk__in=cluster_ids)
            .select_related("host_la")
            .annotate(member_count=_member_count())
        )

    work.pending_invitations = list(
        Invitation.objects.pending()
        .filter(invited_by=user)
        .select_related("la", "cluster", "school")[:SUMMARY_LIMIT]
    )
    return work


# --- The audit trail


@dataclass
class AuditTrail:
    entries: QuerySet[AuditEntry]
    las: list[LocalAuthority]  # the LAs whose trail the person may read (empty: all)
    la: LocalAuthority | None  # the one chosen, if any


def audit_trail(user, *, la_code: str = "") -> AuditTrail | None:
    """The entries this person may read, optionally one LA's; None if they may read none.

    Queries: the LAs they lead (none for staff), then the page's count and rows.
    """
    if not (user.is_staff or scope_for(user).coleader_la_ids):
        return None
    entries = AuditEntry.objects.visible_to(user).select_related("actor", "la")
    las = (
        []
        if user.is_staff
        else list(LocalAuthority.objects.filter(pk__in=scope_for(user).coleader_la_ids))
    )
    la = None
    if la_code:
        la = LocalAuthority.objects.visible_to(user).filter(code=la_code).first()
        if la is None:
            raise Http404("No such local authority")
        entries = entries.filter(la=la)
    return AuditTrail(entries=entries, las=las, la=la)
