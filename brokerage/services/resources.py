"""Resources brokered for a network, services it commissions, and their impact reviews."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from networks.audit import audit
from networks.models import LocalAuthority, User

from .. import rules
from ..models import (
    CommissionedService,
    FundHolder,
    FundingSource,
    ImpactReview,
    ResourceAllocation,
    ValueForMoney,
)
from ._common import (
    BrokerageError,
    any_date,
    choice,
    days,
    in_order,
    line,
    money,
    past_date,
    require,
    same_la,
    text,
)


@transaction.atomic
def resource_allocate(
    *,
    actor: User,
    la: LocalAuthority,
    cluster,
    source: str,
    amount,
    fund_holder: str,
    purpose: str,
    allocated_on,
    facilitation_days=0,
    fund_holder_name: str = "",
) -> ResourceAllocation:
    """Money (pounds and pence) and/or facilitation time brokered for one network."""
    require(rules.records_la(actor, la.pk))
    same_la(cluster, la, "networks")
    pounds = money(amount, "amount", required=False) or 0
    time = days(facilitation_days)
    if not pounds and not time:
        raise BrokerageError("Enter an amount of money, facilitation time, or both.")
    allocation = ResourceAllocation.objects.create(
        la=la,
        cluster=cluster,
        source=choice(source, FundingSource, "source of funding"),
        amount=pounds,
        facilitation_days=time,
        fund_holder=choice(fund_holder, FundHolder, "fund-holder"),
        fund_holder_name=line(fund_holder_name, "fund-holder's name", required=False),
        purpose=text(purpose, "purpose"),
        allocated_on=past_date(allocated_on, "date allocated"),
        recorded_by=actor,
    )
    audit(
        actor,
        "brokerage.resource.allocated",
        allocation,
        {
            "cluster": cluster.pk,
            "source": source,
            "amount": str(allocation.amount),
            "facilitation_days": str(allocation.facilitation_days),
            "fund_holder": fund_holder,
        },
        la=la,
    )
    return allocation


@transaction.atomic
def service_commission(
    *,
    actor: User,
    la: LocalAuthority,
    cluster,
    provider,
    title: str,
    schools: Iterable,
    starts_on,
    description: str = "",
    cost=None,
    ends_on=None,
    next_review_on=None,
) -> CommissionedService:
    """A service the network commissions from a provider for some of its schools."""
    require(rules.records_la(actor, la.pk))
    same_la(cluster, la, "networks")
    same_la(provider, la, "partners")
    chosen = list(dict.fromkeys(schools))
    if not chosen:
        raise BrokerageError("Choose the schools the service is for.")
    members = set(cluster.memberships.active().values_list("school_id", flat=True))
    outside = [school.name for school in chosen if school.pk not in members]
    if outside:
        raise BrokerageError(f"{outside[0]} is not a member of {cluster.name} now.")
    starts_on = any_date(starts_on, "start date", required=True)
    ends_on = any_date(ends_on, "end date")
    in_order(starts_on, ends_on)
    next_review_on = any_date(next_review_on, "date of the first impact review")
    service = CommissionedService.objects.create(
        la=la,
        cluster=cluster,
        provider=provider,
        title=line(title, "description of what was commissioned"),
        description=text(description, "details", required=False),
        cost=money(cost, "cost", required=False),
        starts_on=starts_on,
        ends_on=ends_on,
        next_review_on=next_review_on,
        recorded_by=actor,
    )
    service.schools.set(chosen)
    audit(
        actor,
        "brokerage.service.commissioned",
        service,
        {
            "cluster": cluster.pk,
            "provider": provider.pk,
            "schools": sorted(school.pk for school in chosen),
            "cost": None if service.cost is None else str(service.cost),
        },
        la=la,
    )
    return service


@transaction.atomic
def impact_review_record(
    *,
    actor: User,
    service: CommissionedService,
    reviewed_on,
    findings: str,
    value_for_money: str,
    next_review_on=None,
) -> ImpactReview:
    """What a commissioned service achieved and whether it was worth it; the service
    takes the judgement and the date of its next review."""
    require(rules.manages(actor, service))
    reviewed_on = past_date(reviewed_on, "date of the review")
    next_review_on = any_date(next_review_on, "date of the next review")
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise BrokerageError("The next review must come after this one.")
    review = ImpactReview.objects.create(
        service=service,
        reviewed_on=reviewed_on,
        findings=text(findings, "impact found"),
        value_for_money=choice(value_for_money, ValueForMoney, "value-for-money judgement"),
        next_review_on=next_review_on,
        recorded_by=actor,
    )
    service.value_for_money = value_for_money
    service.next_review_on = next_review_on
    service.save(update_fields=["value_for_money", "next_review_on"])
    audit(
        actor,
        "brokerage.service.reviewed",
        service,
        {
            "review": review.pk,
            "reviewed_on": reviewed_on,
            "value_for_money": value_for_money,
            "next_review_on": next_review_on,
        },
        la=service.la_id,
    )
    return review
