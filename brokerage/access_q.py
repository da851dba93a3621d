"""Who may read and record brokerage, as SQL conditions: the single definition.

Every brokerage record belongs to one LA (its `la`: the LA whose brokerage it is and
whose audit trail its changes join). The querysets (`BrokerageActivity.objects
.visible_to(user)`, `Partner.objects.managed_by(user)`, ...) are built from these;
brokerage/rules.py answers the same questions for one object in memory, and
tests/brokerage/test_access_agreement.py walks a generated world (every person ×
every object) and fails if the two ever differ.

| who                                         | reads                         | records       |
|---------------------------------------------|-------------------------------|---------------|
| staff                                       | everything                    | everything    |
| the national team                           | everything                    | nothing       |
| an LA's co-leaders and officers             | their LA's brokerage          | their LA's    |
| an LA's facilitators: LA-to-LA facilitators | that LA's brokerage           | visits, peer  |
| of its projects, national facilitators of   |                               | reviews (see  |
| an initiative it takes part in              |                               | below)        |
| cluster people (leads, members, link        | the records that concern      | nothing       |
| advisers, consultants)                      | their clusters                |               |
| school contacts                             | nothing                       | nothing       |

"Concern their clusters": an activity naming the cluster, a partnership with it, a
resource brokered for it, a service it commissions (and that service's reviews), a
partner in a partnership with it, a knowledge exchange from or to it. Visits and
peer reviews concern a project, not a cluster: only the LA's readers see them (and
a facilitator keeps seeing the visits they made after their facilitation ends).

LA-to-LA facilitation is recorded from outside: a visit by one of the project's
current LA-to-LA facilitators (or staff); a peer review by them or by the LA's own
recorders. Knowledge moves between LAs too, so an exchange is also read by the
readers of the LAs hosting its source or target clusters.
"""

from __future__ import annotations

from django.db.models import Q

from enquiries.reach import reach_of
from networks.scope import scope_for

NOTHING = Q(pk__in=[])


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def reader_la_ids(user) -> frozenset[int] | None:
    """The LAs whose brokerage the person reads (None: every LA)."""
    if not _signed_in(user):
        return frozenset()
    scope = scope_for(user)
    if scope.sees_everything:
        return None
    return scope.officer_la_ids | reach_of(user).facilitated_la_ids


def recorder_la_ids(user) -> frozenset[int] | None:
    """The LAs whose brokerage the person records (None: every LA)."""
    if not _signed_in(user):
        return frozenset()
    if user.is_staff:
        return None
    return scope_for(user).officer_la_ids


def cluster_ids(user) -> frozenset[int]:
    """The clusters whose brokerage concerns the person through a cluster role."""
    return scope_for(user).cluster_ids if _signed_in(user) else frozenset()


def _in(ids: frozenset[int] | None, lookup: str) -> Q:
    return Q() if ids is None else Q(**{f"{lookup}__in": ids})


# --- LAs and clusters -------------------------------------------------------------


def readable_las(user, prefix: str = "") -> Q:
    """LocalAuthority rows whose brokerage pages the person may open."""
    return _in(reader_la_ids(user), f"{prefix}pk") if _signed_in(user) else NOTHING


def recordable_las(user, prefix: str = "") -> Q:
    return _in(recorder_la_ids(user), f"{prefix}pk") if _signed_in(user) else NOTHING


def readable_clusters(user, prefix: str = "") -> Q:
    """Cluster rows whose brokerage page the person may open: the LA's readers and
    the cluster's own people."""
    if not _signed_in(user):
        return NOTHING
    readers = reader_la_ids(user)
    if readers is None:
        return Q()
    return Q(**{f"{prefix}host_la_id__in": readers}) | Q(**{f"{prefix}pk__in": cluster_ids(user)})


# --- Records ------------------------------------------------------------------------


def _reads_la(user, prefix: str) -> Q:
    return _in(reader_la_ids(user), f"{prefix}la_id")


def _reads_everything(user) -> bool:
    """Whether the person reads every LA's brokerage. Checked before combining
    conditions, because an empty Q() ORed with another is the other, not "all"."""
    return _signed_in(user) and reader_la_ids(user) is None


def managed(user, prefix: str = "") -> Q:
    """Records the person may add to or change: their LA's (staff: all)."""
    return _in(recorder_la_ids(user), f"{prefix}la_id") if _signed_in(user) else NOTHING


def _with_cluster(user, prefix: str, field: str = "cluster_id") -> Q:
    """Records of the LAs the person reads, or about one of their clusters."""
    if not _signed_in(user):
        return NOTHING
    if _reads_everything(user):
        return Q()
    return _reads_la(user, prefix) | _in(cluster_ids(user), f"{prefix}{field}")


def visible_activities(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    if _reads_everything(user):
        return Q()
    from .models import BrokerageActivity

    naming_my_clusters = BrokerageActivity.clusters.through.objects.filter(
        cluster_id__in=cluster_ids(user)
    ).values("brokerageactivity_id")
    return _reads_la(user, prefix) | Q(**{f"{prefix}pk__in": naming_my_clusters})


def visible_partners(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    if _reads_everything(user):
        return Q()
    from .models import Partnership

    with_my_clusters = Partnership.objects.filter(cluster_id__in=cluster_ids(user)).values(
        "partner_id"
    )
    return _reads_la(user, prefix) | Q(**{f"{prefix}pk__in": with_my_clusters})


def visible_partnerships(user, prefix: str = "") -> Q:
    return _with_cluster(user, prefix)


def visible_resources(user, prefix: str = "") -> Q:
    return _with_cluster(user, prefix)


def visible_services(user, prefix: str = "") -> Q:
    """Commissioned services: `cluster` is the network that commissions it."""
    return _with_cluster(user, prefix)


def visible_impact_reviews(user, prefix: str = "") -> Q:
    return visible_services(user, f"{prefix}service__")


def visible_visits(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    if _reads_everything(user):
        return Q()
    return _reads_la(user, prefix) | Q(**{f"{prefix}facilitator_id": user.pk})


def visible_peer_reviews(user, prefix: str = "") -> Q:
    return _reads_la(user, prefix) if _signed_in(user) else NOTHING


def visible_exchanges(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    from .models import KnowledgeExchange

    readers = reader_la_ids(user)
    if readers is None:
        return Q()
    mine = cluster_ids(user)
    targets = KnowledgeExchange.target_clusters.through.objects.filter(
        Q(cluster_id__in=mine) | Q(cluster__host_la_id__in=readers)
    ).values("knowledgeexchange_id")
    return (
        _reads_la(user, prefix)
        | Q(**{f"{prefix}source_cluster_id__in": mine})
        | Q(**{f"{prefix}source_cluster__host_la_id__in": readers})
        | Q(**{f"{prefix}pk__in": targets})
    )
