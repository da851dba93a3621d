"""A brokerage world on top of the enquiries test world (tests/enquiries/factories.py),
built through the real services.

Beyond that world's people (co_x co-leads Essex, co_y Northamptonshire, lead_a leads
Harlow (A), officer_x_facilitating_y is an Essex officer facilitating
Northamptonshire's project, national, staff, outsider in Wandsworth):

    officer_x      LA officer of Essex (records, does not co-lead)
    facilitator_x  LA officer of Northamptonshire, LA-to-LA facilitator of Essex's project
    member_a       cluster member of Harlow (A)
    aip            Harlow Area Improvement Partnership (Essex), Oak Primary and Elm Primary

Essex's brokerage (all by co_x unless said): an activity naming Harlow; Harlow
College (partner) in a partnership with Harlow; Learning Partners Ltd (a private
provider) in a partnership with the AIP; £1,500 of Standards Fund for Harlow; a
service the AIP commissions from Learning Partners for Oak, with one impact review
(its next review already due);
facilitator_x's visit; a peer review; a practice moved from Harlow to Braintree.
Northamptonshire's: one activity and one resource for Corby (by co_y).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from brokerage import services
from enquiries import services as enquiry_services
from networks.models import Cluster, Role
from tests.enquiries.factories import World, build_world, person
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory

# A month ago: in the past (services refuse future dates) and inside the dashboard's year.
DAY = timezone.localdate() - dt.timedelta(days=30)
REVIEW_DUE = DAY + dt.timedelta(days=7)  # already due


def add_brokerage(w: World) -> World:
    w.officer_x = person("officer_x", Role.LA_OFFICER, la=w.la_x)
    w.facilitator_x = person("facilitator_x", Role.LA_OFFICER, la=w.la_y)
    enquiry_services.project_assign_facilitator(
        project=w.project_x, user=w.facilitator_x, actor=w.national
    )
    w.member_a = person("member_a", Role.CLUSTER_MEMBER, cluster=w.cluster_a)
    w.aip = ClusterFactory(
        name="Harlow Area Improvement Partnership", host_la=w.la_x, kind=Cluster.Kind.AIP
    )
    w.school_elm = SchoolFactory(name="Elm Primary", la=w.la_x, town="Harlow")
    MembershipFactory(cluster=w.aip, school=w.school_oak, is_lead=True)
    MembershipFactory(cluster=w.aip, school=w.school_elm)

    co_x = w.co_x
    w.activity = services.activity_record(
        actor=co_x,
        la=w.la_x,
        role="membership",
        activity="challenge_membership",
        summary="Asked Harlow's heads why two schools stay out",
        happened_on=DAY,
        people="Heads of Harlow's schools; the link adviser",
        clusters=[w.cluster_a],
        outcome="Heads agreed to invite both schools to the next meeting.",
    )
    w.partner = services.partner_create(
        actor=co_x, la=w.la_x, name="Harlow College", sector="college"
    )
    w.partnership = services.partnership_create(
        actor=co_x,
        partner=w.partner,
        cluster=w.cluster_a,
        purpose="Taster days for Year 9 pupils.",
        starts_on=dt.date(2025, 9, 1),
    )
    w.provider = services.partner_create(
        actor=co_x, la=w.la_x, name="Learning Partners Ltd", sector="private_provider"
    )
    w.aip_partnership = services.partnership_create(
        actor=co_x, partner=w.provider, cluster=w.aip, purpose="Network workshops."
    )
    w.resource = services.resource_allocate(
        actor=co_x,
        la=w.la_x,
        cluster=w.cluster_a,
        source="standards_fund",
        amount=Decimal("1500.00"),
        fund_holder="la",
        purpose="Supply cover for joint planning.",
        allocated_on=DAY,
    )
    w.service = services.service_commission(
        actor=co_x,
        la=w.la_x,
        cluster=w.aip,
        provider=w.provider,
        title="Development days for Oak",
        schools=[w.school_oak],
        cost=Decimal("4000"),
        starts_on=dt.date(2025, 9, 1),
        next_review_on=dt.date(2026, 1, 31),
    )
    w.review = services.impact_review_record(
        actor=co_x,
        service=w.service,
        reviewed_on=DAY,
        findings="Staff say the coaching changed their planning.",
        value_for_money="good",
        next_review_on=REVIEW_DUE,
    )
    w.visit = services.visit_record(
        actor=w.facilitator_x,
        project=w.project_x,
        visited_on=DAY,
        purpose="Meet the co-ordinating group",
        report="Good energy; the enquiry plan needs dates.",
    )
    w.peer_review = services.peer_review_record(
        actor=co_x,
        project=w.project_x,
        reviewed_on=DAY,
        reviewers="Two officers from Kirklees",
        focus="Is the enquiry question answerable?",
        findings="Mostly; narrow the second half.",
    )
    w.exchange = services.knowledge_exchange_record(
        actor=co_x,
        la=w.la_x,
        practice="Transition passports",
        source_cluster=w.cluster_a,
        target_clusters=[w.cluster_a2],
        shared_on=DAY,
    )
    w.activity_y = services.activity_record(
        actor=w.co_y,
        la=w.la_y,
        role="relationships",
        activity="build_trust",
        summary="Corby heads' away day",
        happened_on=DAY,
        clusters=[w.cluster_b],
    )
    w.resource_y = services.resource_allocate(
        actor=w.co_y,
        la=w.la_y,
        cluster=w.cluster_b,
        source="lottery",
        amount="800",
        fund_holder="school",
        purpose="Pupil voice project.",
        allocated_on=DAY,
    )
    return w


def shared_brokerage_world(django_db_blocker) -> Iterator[World]:
    """One world per test module, rolled back at its end (see shared_world)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield add_brokerage(build_world())
        transaction.set_rollback(True)
