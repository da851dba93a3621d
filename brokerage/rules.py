"""Who may read and record brokerage, for one object already in memory.

The definition is brokerage/access_q.py (the querysets). These predicates answer the
same questions without a query, reading the person's Scope and EnquiryReach (worked
out once per request) and the object's foreign-key ids; objects must be loaded with
what they read (the access helpers in brokerage/access.py do the select_related and
prefetch_related). tests/brokerage/test_access_agreement.py walks generated worlds and
fails if a predicate and its queryset ever disagree.
"""

from __future__ import annotations

import rules

from enquiries.reach import reach_of

from . import access_q


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _in(la_id, ids: frozenset[int] | None) -> bool:
    return ids is None or la_id in ids


# --- LAs and clusters ------------------------------------------------------------


def reads_la(user, la_id: int) -> bool:
    return _signed_in(user) and _in(la_id, access_q.reader_la_ids(user))


def records_la(user, la_id: int) -> bool:
    return _signed_in(user) and _in(la_id, access_q.recorder_la_ids(user))


def sees_la_brokerage(user, la) -> bool:
    return reads_la(user, la.pk)


def records_la_brokerage(user, la) -> bool:
    return records_la(user, la.pk)


def sees_cluster_brokerage(user, cluster) -> bool:
    return reads_la(user, cluster.host_la_id) or (
        _signed_in(user) and cluster.pk in access_q.cluster_ids(user)
    )


def sees_any_brokerage(user) -> bool:
    """Whether "Brokerage" belongs in the person's menu: they read some LA's brokerage
    or belong to a cluster (whose brokerage they read)."""
    if not _signed_in(user):
        return False
    readers = access_q.reader_la_ids(user)
    return readers is None or bool(readers) or bool(access_q.cluster_ids(user))


# --- Records ---------------------------------------------------------------------


def _mine(user, cluster_id) -> bool:
    return _signed_in(user) and cluster_id in access_q.cluster_ids(user)


def sees_activity(user, activity) -> bool:
    """Reads activity.clusters.all(): prefetch it."""
    return reads_la(user, activity.la_id) or any(
        _mine(user, cluster.pk) for cluster in activity.clusters.all()
    )


def sees_partner(user, partner) -> bool:
    """Reads partner.partnerships.all(): prefetch it."""
    return reads_la(user, partner.la_id) or any(
        _mine(user, partnership.cluster_id) for partnership in partner.partnerships.all()
    )


def sees_partnership(user, partnership) -> bool:
    return reads_la(user, partnership.la_id) or _mine(user, partnership.cluster_id)


def sees_resource(user, resource) -> bool:
    return reads_la(user, resource.la_id) or _mine(user, resource.cluster_id)


def sees_service(user, service) -> bool:
    return reads_la(user, service.la_id) or _mine(user, service.cluster_id)


def sees_impact_review(user, review) -> bool:
    return sees_service(user, review.service)


def sees_visit(user, visit) -> bool:
    return reads_la(user, visit.la_id) or (_signed_in(user) and visit.facilitator_id == user.pk)


def sees_peer_review(user, peer_review) -> bool:
    return reads_la(user, peer_review.la_id)


def sees_exchange(user, exchange) -> bool:
    """Reads exchange.source_cluster and exchange.target_clusters.all(): load them."""
    if reads_la(user, exchange.la_id):
        return True
    clusters = list(exchange.target_clusters.all())
    if exchange.source_cluster is not None:
        clusters.append(exchange.source_cluster)
    return any(_mine(user, c.pk) or reads_la(user, c.host_la_id) for c in clusters)


def manages(user, record) -> bool:
    """Add to or change a record: its LA's recorders (staff: every LA)."""
    return records_la(user, record.la_id)


# --- LA-to-LA facilitation ---------------------------------------------------------


def facilitates_project(user, project) -> bool:
    return _signed_in(user) and project.pk in reach_of(user).facilitated_project_ids


def may_record_visit(user, project) -> bool:
    """A visit is recorded by one of the project's current LA-to-LA facilitators, the
    officer who made it (staff may record one for them)."""
    return _signed_in(user) and (user.is_staff or facilitates_project(user, project))


def may_record_peer_review(user, project) -> bool:
    """By the project's LA-to-LA facilitators, or its LA's recorders."""
    return records_la(user, project.la_id) or facilitates_project(user, project)


# --- rules permissions, for templates ------------------------------------------------

rules.add_perm("brokerage.view_la", rules.predicate(sees_la_brokerage))
rules.add_perm("brokerage.record_la", rules.predicate(records_la_brokerage))
rules.add_perm("brokerage.view_cluster", rules.predicate(sees_cluster_brokerage))
