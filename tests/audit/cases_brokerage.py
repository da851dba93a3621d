"""The audit table's rows for the brokerage services."""

from __future__ import annotations

from brokerage import services as brokerage_services
from tests.audit.common import DAY, then


def _partner(w, name="Harlow College", sector="college"):
    return brokerage_services.partner_create(
        actor=w.person("co_x"), la=w.la_x, name=name, sector=sector
    )


def _service(w):
    return brokerage_services.service_commission(
        actor=w.person("co_x"),
        la=w.la_x,
        cluster=w.cluster_a,
        provider=_partner(w, "Learning Partners Ltd", "private_provider"),
        title="Development days",
        schools=[w.school_oak],
        starts_on=DAY,
    )


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
BROKERAGE_CASES = [
    (
        "activity_record",
        lambda w: brokerage_services.activity_record(
            actor=w.person("co_x"),
            la=w.la_x,
            role="knowledge_exchange",
            activity="other",
            summary="Opened the schools' archive to other networks",
            happened_on=DAY,
            clusters=[w.cluster_a],
        ),
        ["brokerage.activity.recorded"],
        "x",
    ),
    ("partner_create", _partner, ["brokerage.partner.created"], "x"),
    (
        "partnership_create",
        lambda w: brokerage_services.partnership_create(
            actor=w.person("co_x"), partner=_partner(w), project=w.project_x, purpose="Careers"
        ),
        ["brokerage.partner.created", "brokerage.partnership.created"],
        "x",
    ),
    (
        "partnership_set_status",
        then(
            lambda w: brokerage_services.partnership_create(
                actor=w.person("co_x"), partner=_partner(w), cluster=w.cluster_a, purpose="Tasters"
            ),
            lambda w, partnership: brokerage_services.partnership_set_status(
                actor=w.person("officer_x_facilitating_y"), partnership=partnership, status="ended"
            ),
        ),
        ["brokerage.partnership.status_changed"],
        "x",
    ),
    (
        "resource_allocate",
        lambda w: brokerage_services.resource_allocate(
            actor=w.person("co_x"),
            la=w.la_x,
            cluster=w.cluster_a,
            source="pooled",
            amount="12000",
            fund_holder="school",
            fund_holder_name="Oak Primary",
            purpose="Intensive support for one school",
            allocated_on=DAY,
        ),
        ["brokerage.resource.allocated"],
        "x",
    ),
    (
        "service_commission",
        _service,
        ["brokerage.partner.created", "brokerage.service.commissioned"],
        "x",
    ),
    (
        "impact_review_record",
        then(
            _service,
            lambda w, service: brokerage_services.impact_review_record(
                actor=w.person("co_x"),
                service=service,
                reviewed_on=DAY,
                findings="Better planning.",
                value_for_money="adequate",
            ),
        ),
        ["brokerage.service.reviewed"],
        "x",
    ),
    (
        "visit_record",
        lambda w: brokerage_services.visit_record(
            actor=w.person("officer_x_facilitating_y"),
            project=w.project_y,
            visited_on=DAY,
            purpose="Meet the team",
            report="Going well.",
        ),
        ["brokerage.visit.recorded"],
        "y",
    ),
    (
        "peer_review_record",
        lambda w: brokerage_services.peer_review_record(
            actor=w.person("co_x"),
            project=w.project_x,
            reviewed_on=DAY,
            reviewers="Two Kirklees officers",
            focus="The enquiry plan",
            findings="Clear and realistic.",
        ),
        ["brokerage.peer_review.recorded"],
        "x",
    ),
    (
        "knowledge_exchange_record",
        lambda w: brokerage_services.knowledge_exchange_record(
            actor=w.person("co_x"),
            la=w.la_x,
            practice="Transition passports",
            source_cluster=w.cluster_a,
            target_clusters=[w.cluster_a2],
            shared_on=DAY,
        ),
        ["brokerage.exchange.recorded"],
        "x",
    ),
]
