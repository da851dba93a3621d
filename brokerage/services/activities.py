"""Recording brokerage activities under the five roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from networks.audit import audit
from networks.models import LocalAuthority, User

from .. import rules
from ..models import BrokerageActivity
from ..models.choices import is_activity_of
from ._common import BrokerageError, line, past_date, require, same_la, text


@transaction.atomic
def activity_record(
    *,
    actor: User,
    la: LocalAuthority,
    role: str,
    activity: str,
    summary: str,
    happened_on,
    people: str = "",
    clusters: Iterable = (),
    outcome: str = "",
) -> BrokerageActivity:
    """Something the LA did for its networks: a role, one of its typical activities
    (or "other"), when, who took part, which clusters, and what came of it."""
    require(rules.records_la(actor, la.pk))
    if not is_activity_of(role, activity):
        raise BrokerageError("Choose one of the activities listed.")
    chosen = list(dict.fromkeys(clusters))
    for cluster in chosen:
        same_la(cluster, la, "clusters")
    record = BrokerageActivity.objects.create(
        la=la,
        role=role,
        activity=activity,
        summary=line(summary, "summary of what happened"),
        happened_on=past_date(happened_on, "date of the activity"),
        people=text(people, "people involved", required=False, max_length=1000),
        outcome=text(outcome, "outcome", required=False),
        recorded_by=actor,
    )
    record.clusters.set(chosen)
    audit(
        actor,
        "brokerage.activity.recorded",
        record,
        {
            "role": role,
            "activity": activity,
            "happened_on": record.happened_on,
            "clusters": sorted(cluster.pk for cluster in chosen),
        },
        la=la,
    )
    return record
