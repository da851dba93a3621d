"""Knowledge exchange: a practice moved from one network to others."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from networks.audit import audit
from networks.models import LocalAuthority, User

from .. import rules
from ..models import KnowledgeExchange
from ..selectors.network import exchange_clusters
from ._common import BrokerageError, line, past_date, require, text


@transaction.atomic
def knowledge_exchange_record(
    *,
    actor: User,
    la: LocalAuthority,
    practice: str,
    target_clusters: Iterable,
    shared_on,
    source_cluster=None,
    source_note: str = "",
    description: str = "",
    how: str = "",
    outcome: str = "",
) -> KnowledgeExchange:
    """Where a practice came from (a network, or words) and the networks it went to.

    The networks are the LA's own and those of the LAs it is linked to by LA-to-LA
    facilitation (selectors.network.exchange_clusters).
    """
    require(rules.records_la(actor, la.pk))
    allowed = set(exchange_clusters(la).values_list("pk", flat=True))
    targets = list(dict.fromkeys(target_clusters))
    if not targets:
        raise BrokerageError("Choose the networks the practice went to.")
    for cluster in [*targets, *([source_cluster] if source_cluster is not None else [])]:
        if cluster.pk not in allowed:
            raise BrokerageError(
                f"Choose networks of {la.name} or of the LAs it works with on facilitation."
            )
    if source_cluster is not None and source_cluster in targets:
        raise BrokerageError(
            f"{source_cluster.name} cannot be where the practice came from and went to."
        )
    source_note = line(source_note, "where it came from", required=False, max_length=300)
    if source_cluster is None and not source_note:
        raise BrokerageError("Say where the practice came from: choose a network or describe it.")
    exchange = KnowledgeExchange.objects.create(
        la=la,
        practice=line(practice, "practice"),
        description=text(description, "description", required=False),
        source_cluster=source_cluster,
        source_note=source_note,
        shared_on=past_date(shared_on, "date"),
        how=line(how, "how it moved", required=False),
        outcome=text(outcome, "outcome", required=False),
        recorded_by=actor,
    )
    exchange.target_clusters.set(targets)
    audit(
        actor,
        "brokerage.exchange.recorded",
        exchange,
        {
            "source_cluster": getattr(source_cluster, "pk", None),
            "target_clusters": sorted(cluster.pk for cluster in targets),
        },
        la=la,
    )
    return exchange
