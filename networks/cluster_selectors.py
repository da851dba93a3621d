"""Reads for changing clusters: the school picker, the clusters a school may be added
to, membership proposals, and the access helpers for one membership or proposal.

Each function is a fixed number of queries whatever the size of the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from . import rules
from .models import Cluster, LocalAuthority, Membership, MembershipProposal, School
from .search.kinds import ranked_schools, school_match
from .search.text import MAX_QUERY_LENGTH, read_query
from .selectors import get_cluster_for_user

PICKER_LIMIT = 20
PICKER_MIN_LENGTH = 2
SUMMARY_LIMIT = 10


# --- The school picker ------------------------------------------------------------


@dataclass
class SchoolPicker:
    """Schools matching what was typed, for a person to choose one of."""

    query: str = ""
    schools: list[School] = field(default_factory=list)
    more: bool = False  # more matched than are shown
    too_short: bool = False

    @property
    def searched(self) -> bool:
        return len(self.query) >= PICKER_MIN_LENGTH


def joinable_schools(cluster: Cluster | None = None) -> QuerySet[School]:
    """Schools that may join a cluster: any LA's, not closed, not a member now.

    The register is public (GIAS), so the picker searches all of England: networks
    cross LA boundaries.
    """
    schools = School.objects.exclude(status=School.Status.CLOSED)
    if cluster is not None:
        members = Membership.objects.filter(cluster=cluster, left_on__isnull=True)
        schools = schools.exclude(pk__in=members.values("school_id"))
    return schools


def pick_schools(query: str, *, cluster: Cluster | None = None) -> SchoolPicker:
    """One query: the first matches, plus one to tell whether there are more."""
    terms = read_query(query[:MAX_QUERY_LENGTH])
    query = terms.typed
    if not terms.searchable:
        return SchoolPicker(query=query, too_short=bool(query))
    # As site search finds schools: case, accents and punctuation ignored, best first.
    found = list(
        ranked_schools(
            joinable_schools(cluster).filter(school_match(terms)).select_related("la"), terms
        )[: PICKER_LIMIT + 1]
    )
    return SchoolPicker(query=query, schools=found[:PICKER_LIMIT], more=len(found) > PICKER_LIMIT)


def chosen_school(urn, *, cluster: Cluster | None = None) -> School | None:
    """A school named by URN (a link's ?school=, a posted choice), if it may join."""
    if not str(urn).isdigit():
        return None
    return joinable_schools(cluster).select_related("la").filter(urn=int(urn)).first()


# --- Clusters a school may be added to ---------------------------------------------


def clusters_to_join(user, school: School) -> QuerySet[Cluster]:
    """Running clusters the person manages that the school is not in now, those hosted
    by the school's own LA first. Staff (who manage every cluster in England) are
    offered the school's own LA's clusters."""
    current = Membership.objects.filter(school=school, left_on__isnull=True)
    clusters = Cluster.objects.members_managed_by(user).exclude(pk__in=current.values("cluster_id"))
    if user.is_staff:
        clusters = clusters.filter(host_la_id=school.la_id)
    own_la_first = Case(
        When(host_la_id=school.la_id, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return clusters.select_related("host_la").order_by(own_la_first, "host_la__name", "name")


def clusters_for_isolated(user, la: LocalAuthority) -> list[Cluster]:
    """The LA's running clusters the person manages: an isolated school (in no active
    cluster) may join any of them. One query; none for someone who manages none."""
    if not rules.may_create_cluster_in(user, la):
        return []
    return list(Cluster.objects.members_managed_by(user).filter(host_la=la).order_by("name"))


# --- Proposals ------------------------------------------------------------------------

# What the "My work" panel shows of a proposal (school and cluster names). It joined
# their LAs and both people too, and planning that join took longer than running it.
PANEL_PROPOSAL_RELATED = ("cluster", "school")


@dataclass
class Proposals:
    rows: list[MembershipProposal]
    total: int


def proposals_waiting_for(user, *, limit: int = SUMMARY_LIMIT) -> Proposals:
    """Proposals the person may answer, oldest first. Two queries (rows, count)."""
    pending = (
        MembershipProposal.objects.pending()
        .filter(cluster__in=Cluster.objects.members_managed_by(user))
        .select_related(*PANEL_PROPOSAL_RELATED)
        .order_by("created_at", "pk")
    )
    return Proposals(rows=list(pending[:limit]), total=pending.count())


def proposals_made_by(user, *, limit: int = 5) -> list[MembershipProposal]:
    """The person's latest proposals and what became of them."""
    return list(
        MembershipProposal.objects.filter(proposed_by=user, cluster__dissolved_on__isnull=True)
        .select_related(*PANEL_PROPOSAL_RELATED)
        .order_by("-created_at", "-pk")[:limit]
    )


def cluster_proposals(cluster: Cluster, *, limit: int = SUMMARY_LIMIT) -> list[MembershipProposal]:
    """The cluster's proposals: waiting ones first, then the latest answered."""
    waiting_first = Case(
        When(status=MembershipProposal.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = list(
        cluster.proposals.select_related("school__la", "proposed_by", "decided_by").order_by(
            waiting_first, "-created_at", "-pk"
        )[:limit]
    )
    for row in rows:
        row.cluster = cluster  # already loaded
    return rows


# --- Access helpers: a membership, a proposal ----------------------------------------
# As networks.selectors' helpers: 404 for anyone who cannot see the cluster (or for a
# row of another cluster), 403 for someone who sees it but may not take the action.


def get_membership_for_user(user, cluster_pk, pk, *, action: str = "edit") -> Membership:
    cluster = get_cluster_for_user(user, cluster_pk, action=action)
    membership = (
        cluster.memberships.select_related("school__la").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if membership is None:
        raise Http404("No such membership")
    membership.cluster = cluster
    return membership


def get_proposal_for_user(user, cluster_pk, pk, *, action: str = "edit") -> MembershipProposal:
    cluster = get_cluster_for_user(user, cluster_pk, action=action)
    proposal = (
        cluster.proposals.select_related("school__la", "proposed_by", "decided_by")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if proposal is None:
        raise Http404("No such proposal")
    proposal.cluster = cluster
    return proposal


def get_school_to_place(user, urn) -> tuple[School, QuerySet[Cluster]]:
    """A school someone would add to one of their clusters, with those clusters.

    404 unless the person can see the school; 403 unless they manage a cluster it
    could join.
    """
    from .selectors import get_school_for_user

    school = get_school_for_user(user, urn)
    clusters = clusters_to_join(user, school)
    if school.status == School.Status.CLOSED or not clusters.exists():
        raise PermissionDenied
    return school, clusters
