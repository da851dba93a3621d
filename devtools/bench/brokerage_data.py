"""Brokerage at national scale, for the brokerage index, an LA's dashboard, network
map, membership and record lists: for every LA about ten activities per role (some
linked to its clusters), twenty partners with partnerships to its clusters, ten
resource allocations, five commissioned services (a few schools each, one impact
review each) and a knowledge exchange or two; and a few LA-to-LA facilitation visits
and a peer review of the focus LA's project by its facilitating officer.
Bulk-created, not through the services."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from brokerage.models import (
    BrokerageActivity,
    BrokerageRole,
    CommissionedService,
    FacilitationVisit,
    FundHolder,
    FundingSource,
    ImpactReview,
    KnowledgeExchange,
    Partner,
    Partnership,
    PartnershipStatus,
    PeerReview,
    ResourceAllocation,
    Sector,
    ValueForMoney,
)
from brokerage.models.choices import TYPICAL_ACTIVITIES
from networks.models import Membership

from .words import BATCH, PLACES

TODAY = dt.date(2026, 9, 1)


def _day(rng: random.Random, back: int = 700) -> dt.date:
    return TODAY - dt.timedelta(days=rng.randint(0, back))


def _per_la(n_at_scale_1: int, scale: float) -> int:
    return max(2, round(n_at_scale_1 * min(1.0, scale * 5)))


def build_brokerage(
    rng: random.Random,
    las,
    clusters,
    coleaders,
    *,
    scale: float,
    la_facilitator,
    focus_project_id: int | None,
) -> dict:
    """`coleaders` are in `las` order (each records its LA's brokerage)."""
    recorder = {la.pk: u for la, u in zip(las, coleaders, strict=True)}
    hosted: dict[int, list[int]] = {la.pk: [] for la in las}
    for c in clusters:
        hosted[c.host_la_id].append(c.pk)
    # Per-LA numbers shrink only at tiny scales (never below 2) so each page has rows.
    per_role, n_partners = _per_la(10, scale), _per_la(20, scale)
    n_resources, n_services = _per_la(10, scale), _per_la(5, scale)

    activities, partners, resources, exchanges = [], [], [], []
    for la in las:
        who = recorder[la.pk]
        for role in BrokerageRole.values:
            typical = [value for value, _ in TYPICAL_ACTIVITIES[role]]
            for i in range(per_role):
                activities.append(
                    BrokerageActivity(
                        la=la,
                        recorded_by=who,
                        role=role,
                        activity=rng.choice(typical),
                        summary=f"{rng.choice(PLACES)} network: brokerage work {i + 1}",
                        happened_on=_day(rng, 400),
                        people="Heads and the co-leader",
                        outcome="Agreed next steps.",
                    )
                )
        for i in range(n_partners):
            partners.append(
                Partner(
                    la=la,
                    recorded_by=who,
                    name=f"{rng.choice(PLACES)} partner {i + 1}",
                    sector=rng.choice(Sector.values),
                    contact="Partnership lead",
                )
            )
        mine = hosted[la.pk]
        if not mine:
            continue
        for _ in range(n_resources):
            resources.append(
                ResourceAllocation(
                    la=la,
                    recorded_by=who,
                    cluster_id=rng.choice(mine),
                    source=rng.choice(FundingSource.values),
                    amount=Decimal(rng.randint(1, 40) * 500),
                    facilitation_days=Decimal(rng.randint(0, 10)),
                    fund_holder=rng.choice(FundHolder.values),
                    purpose="Release time for the network's enquiry.",
                    allocated_on=_day(rng),
                )
            )
        for i in range(rng.choice((1, 2))):
            exchanges.append(
                KnowledgeExchange(
                    la=la,
                    recorded_by=who,
                    practice=f"Practice {i + 1} from {rng.choice(PLACES)}",
                    source_cluster_id=rng.choice(mine),
                    shared_on=_day(rng),
                    how="Visits between heads",
                )
            )
    BrokerageActivity.objects.bulk_create(activities, batch_size=BATCH)
    Partner.objects.bulk_create(partners, batch_size=BATCH)
    ResourceAllocation.objects.bulk_create(resources, batch_size=BATCH)
    KnowledgeExchange.objects.bulk_create(exchanges, batch_size=BATCH)

    la_ids = [la.pk for la in las]
    # Half the activities name one of the LA's clusters.
    activity_links = []
    through = BrokerageActivity.clusters.through
    for pk, la_id in BrokerageActivity.objects.filter(la_id__in=la_ids).values_list("pk", "la_id"):
        if hosted[la_id] and rng.random() < 0.5:
            activity_links.append(
                through(brokerageactivity_id=pk, cluster_id=rng.choice(hosted[la_id]))
            )
    through.objects.bulk_create(activity_links, batch_size=BATCH)
    exchange_links = []
    through_x = KnowledgeExchange.target_clusters.through
    for pk, la_id, source in KnowledgeExchange.objects.filter(la_id__in=la_ids).values_list(
        "pk", "la_id", "source_cluster_id"
    ):
        others = [c for c in hosted[la_id] if c != source] or hosted[la_id]
        for cluster_id in rng.sample(others, min(2, len(others))):
            exchange_links.append(through_x(knowledgeexchange_id=pk, cluster_id=cluster_id))
    through_x.objects.bulk_create(exchange_links, batch_size=BATCH)

    # Partnerships: one or two per partner, with the LA's clusters.
    partner_rows = list(
        Partner.objects.filter(la_id__in=la_ids).order_by("pk").values_list("pk", "la_id")
    )
    partnerships = []
    provider_of: dict[int, list[int]] = {}
    for pk, la_id in partner_rows:
        provider_of.setdefault(la_id, []).append(pk)
        mine = hosted[la_id]
        for cluster_id in rng.sample(mine, min(len(mine), rng.choice((1, 2)))):
            starts = _day(rng)
            partnerships.append(
                Partnership(
                    la_id=la_id,
                    recorded_by=recorder[la_id],
                    partner_id=pk,
                    cluster_id=cluster_id,
                    purpose="Joint work on the network's enquiry.",
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=365) if rng.random() < 0.2 else None,
                    status=rng.choices(PartnershipStatus.values, weights=(1, 6, 1, 1))[0],
                )
            )
    Partnership.objects.bulk_create(partnerships, batch_size=BATCH)

    # Commissioned services, a few of the commissioning cluster's schools each.
    members: dict[int, list[int]] = {}
    for cluster_id, school_id in Membership.objects.filter(
        cluster__host_la_id__in=la_ids, left_on__isnull=True
    ).values_list("cluster_id", "school_id"):
        members.setdefault(cluster_id, []).append(school_id)
    services = []
    for la in las:
        mine = hosted[la.pk]
        if not mine:
            continue
        for i in range(n_services):
            starts = _day(rng)
            services.append(
                CommissionedService(
                    la=la,
                    recorded_by=recorder[la.pk],
                    cluster_id=rng.choice(mine),
                    provider_id=rng.choice(provider_of[la.pk]),
                    title=f"Commissioned service {i + 1}",
                    cost=Decimal(rng.randint(2, 60) * 1000),
                    starts_on=starts,
                    next_review_on=TODAY + dt.timedelta(days=rng.randint(-60, 200)),
                    value_for_money=rng.choice(ValueForMoney.values),
                )
            )
    CommissionedService.objects.bulk_create(services, batch_size=BATCH)
    service_rows = list(
        CommissionedService.objects.filter(la_id__in=la_ids).values_list(
            "pk", "cluster_id", "value_for_money", "next_review_on", "la_id"
        )
    )
    through_s = CommissionedService.schools.through
    school_links, reviews = [], []
    for pk, cluster_id, vfm, next_review, la_id in service_rows:
        pool = members.get(cluster_id, [])
        assert next_review is not None  # every bench service is given one
        for school_id in rng.sample(pool, min(len(pool), 3)):
            school_links.append(through_s(commissionedservice_id=pk, school_id=school_id))
        reviews.append(
            ImpactReview(
                service_id=pk,
                reviewed_on=next_review - dt.timedelta(days=180),
                findings="Attendance and engagement improved in the schools served.",
                value_for_money=vfm,
                next_review_on=next_review,
                recorded_by=recorder[la_id],
            )
        )
    through_s.objects.bulk_create(school_links, batch_size=BATCH)
    ImpactReview.objects.bulk_create(reviews, batch_size=BATCH)

    visits, peer_reviews = [], []
    if focus_project_id is not None:
        focus_la = las[0]
        for i in range(6):
            visits.append(
                FacilitationVisit(
                    la=focus_la,
                    recorded_by=la_facilitator,
                    project_id=focus_project_id,
                    facilitator=la_facilitator,
                    visited_on=_day(rng, 300),
                    purpose=f"Facilitation visit {i + 1}",
                    report="Met the co-leader and two cluster leads; questions sharpened.",
                )
            )
        peer_reviews.append(
            PeerReview(
                la=focus_la,
                recorded_by=la_facilitator,
                project_id=focus_project_id,
                reviewed_on=_day(rng, 200),
                reviewers="Two co-leaders from neighbouring LAs",
                focus="The LA's support for cluster enquiry",
                findings="Clusters know their questions; data use is uneven.",
            )
        )
        FacilitationVisit.objects.bulk_create(visits)
        PeerReview.objects.bulk_create(peer_reviews)
    return {
        "counts": {
            "brokerage activities": len(activities),
            "partners": len(partners),
            "partnerships": len(partnerships),
            "resource allocations": len(resources),
            "commissioned services": len(services),
            "knowledge exchanges": len(exchanges),
            "facilitation visits": len(visits),
        }
    }
