"""Access-matrix rows for the brokerage URLs: see matrix.py, and world.py for who is who.

Reading brokerage/access_q.py against the world:

* Essex's brokerage is read by staff, the national team, Essex's co-leader and
  officer, and the LA-to-LA facilitator of Essex's project (READERS); it is recorded
  by staff, the co-leader and the officer (RECORDERS). The facilitator is an officer
  of Northamptonshire, so reads and records there, as does its co-leader (the
  outsider).
* Harlow's people (link adviser, consultant, lead, member) do not open Essex's LA
  pages (404) but read what concerns Harlow: its cluster page, the partner in a
  partnership with it, the service it commissions. The school contact reads nothing.
* A visit is recorded by the project's LA-to-LA facilitator (and staff); a peer
  review also by Essex's recorders.

GET pages answer 200 to readers; a POST to them is refused (405) before anything
else. A create form answers its recorders 200 (GET) or 302 (a valid POST), readers
403, everyone else 404; a forged id in a POST is a form error (200) and saves nothing.
"""

from __future__ import annotations

import datetime as dt

from brokerage import services
from networks.models import Cluster
from tests.factories import ClusterFactory, LocalAuthorityFactory, MembershipFactory

from .matrix import ANONYMOUS, LOGIN, SIGNED_IN, Row, with_audit_effects
from .world import extend_world

DAY = dt.date(2025, 11, 12)

READERS = ("staff", "national_facilitator", "la_coleader", "la_officer", "la_facilitator")
RECORDERS = ("staff", "la_coleader", "la_officer")
CLUSTER_PEOPLE = ("link_adviser", "consultant", "cluster_lead", "cluster_member")
OTHER_LA_READERS = ("staff", "national_facilitator", "la_facilitator", "outsider")


def answers(**groups) -> dict:
    """{ANONYMOUS: LOGIN} plus each persona in each group given its answer, e.g.
    answers(ok=(RECORDERS, 200), refused=(READERS, 403)); earlier groups win."""
    result: dict = {ANONYMOUS: LOGIN}
    for personas, answer in groups.values():
        for persona in personas:
            result.setdefault(persona, answer)
    return result


@extend_world
def add_brokerage(w) -> None:
    """Essex's brokerage concerning Harlow, LA-to-LA facilitation of Essex's project,
    and one record of Northamptonshire's."""
    coleader = w.users["la_coleader"]
    w.aip = ClusterFactory(name="Harlow AIP", host_la=w.la, kind=Cluster.Kind.AIP)
    MembershipFactory(cluster=w.aip, school=w.school)
    w.target_cluster = ClusterFactory(name="Loughton cluster", host_la=w.la)
    # An LA no one in the world works with: its clusters are foreign to Essex's forms.
    w.unlinked_cluster = ClusterFactory(
        name="Putney cluster", host_la=LocalAuthorityFactory(code="212", name="Wandsworth")
    )
    w.b_partner = services.partner_create(
        actor=coleader, la=w.la, name="Harlow College", sector="college"
    )
    w.b_partnership = services.partnership_create(
        actor=coleader, partner=w.b_partner, cluster=w.cluster, purpose="Taster days."
    )
    w.b_service = services.service_commission(
        actor=coleader,
        la=w.la,
        cluster=w.cluster,
        provider=w.b_partner,
        title="Coaching for new teachers",
        schools=[w.school],
        starts_on=DAY,
    )
    services.activity_record(
        actor=coleader,
        la=w.la,
        role="membership",
        activity="raise_awareness",
        summary="Spoke at the heads' conference",
        happened_on=DAY,
        clusters=[w.cluster],
    )
    services.resource_allocate(
        actor=coleader,
        la=w.la,
        cluster=w.cluster,
        source="standards_fund",
        amount="1500",
        fund_holder="la",
        purpose="Supply cover.",
        allocated_on=DAY,
    )
    services.visit_record(
        actor=w.users["la_facilitator"],
        project=w.project,
        visited_on=DAY,
        purpose="Meet the team",
        report="A good start.",
    )
    services.knowledge_exchange_record(
        actor=coleader,
        la=w.la,
        practice="Transition passports",
        source_cluster=w.cluster,
        target_clusters=[w.target_cluster],
        shared_on=DAY,
    )
    w.b_other_partner = services.partner_create(
        actor=w.users["outsider"], la=w.other_la, name="Corby Youth Service", sector="youth_service"
    )


def _date(prefix: str, day: dt.date = DAY) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


ESSEX = answers(read=(READERS, 200))
ESSEX_DEFAULT = 404
NORTHANTS = answers(read=(OTHER_LA_READERS, 200))
CLUSTER_READ = answers(read=(READERS + CLUSTER_PEOPLE, 200))
RECORD_GET = answers(ok=(RECORDERS, 200), refused=(READERS, 403))
RECORD_POST = answers(ok=(RECORDERS, 302), refused=(READERS, 403))
FORGED = answers(ok=(RECORDERS, 200), refused=(READERS, 403))
# Adding to a record that cluster people can read: they are readers of it (403).
MANAGE_GET = answers(ok=(RECORDERS, 200), refused=(READERS + CLUSTER_PEOPLE, 403))
MANAGE_POST = answers(ok=(RECORDERS, 302), refused=(READERS + CLUSTER_PEOPLE, 403))


def _la_page(name: str) -> list[Row]:
    """An Essex LA page: its readers, Northamptonshire's for Northamptonshire's page,
    nobody for an LA code that does not exist; POST refused."""
    return [
        Row(f"brokerage:{name}", args=lambda w: [w.la.code], expect=ESSEX, default=ESSEX_DEFAULT),
        Row(
            f"brokerage:{name}",
            args=lambda w: [w.other_la.code],
            expect=NORTHANTS,
            default=404,
            label="other LA",
        ),
        Row(f"brokerage:{name}", args=lambda w: [w.la.code], method="post", default=405),
    ]


def _create(name: str, data, forged) -> list[Row]:
    """A form recording something for Essex: GET, a valid POST, a POST naming another
    LA's object, and PUT."""
    return [
        Row(f"brokerage:{name}", args=lambda w: [w.la.code], expect=RECORD_GET, default=404),
        Row(
            f"brokerage:{name}",
            args=lambda w: [w.la.code],
            method="post",
            data=data,
            expect=RECORD_POST,
            default=404,
        ),
        Row(
            f"brokerage:{name}",
            args=lambda w: [w.la.code],
            method="post",
            data=forged,
            expect=FORGED,
            default=404,
            label="forged id",
        ),
        Row(f"brokerage:{name}", args=lambda w: [w.la.code], method="put", default=405),
    ]


def activity_data(w, cluster=None) -> dict:
    return {
        "activity": "membership/raise_awareness",
        "summary": "Met the heads",
        **_date("happened_on"),
        "clusters": [(cluster or w.cluster).pk],
    }


def resource_data(w, cluster=None) -> dict:
    return {
        "cluster": (cluster or w.cluster).pk,
        "source": "lottery",
        "amount": "250.50",
        "fund_holder": "la",
        "purpose": "Books",
        **_date("allocated_on"),
    }


def exchange_data(w, cluster=None) -> dict:
    return {
        "practice": "Peer observation",
        "source_cluster": w.cluster.pk,
        "target_clusters": [(cluster or w.target_cluster).pk],
        **_date("shared_on"),
    }


def service_data(w, school=None) -> dict:
    return {
        "provider": w.b_partner.pk,
        "title": "Reading recovery",
        "schools": [(school or w.school).pk],
        **_date("starts_on"),
    }


ROWS: list[Row] = [
    # --- The index: everyone signed in (it lists what each may read)
    Row("brokerage:index", expect=SIGNED_IN),
    Row("brokerage:index", method="post", default=405),
    Row("brokerage:index_csv", expect=SIGNED_IN),
    Row("brokerage:index_csv", method="post", default=405),
    # --- An LA's pages
    *_la_page("la_dashboard"),
    Row(
        "brokerage:la_dashboard",
        args=lambda w: ["999"],
        expect=SIGNED_IN,
        default=404,
        label="no such LA",
    ),
    *_la_page("la_map"),
    *_la_page("la_membership"),
    *_la_page("la_membership_csv"),
    *_la_page("activity_list"),
    Row(
        "brokerage:activity_list",
        args=lambda w: [w.la.code],
        query={"role": "membership", "page": "9"},
        expect=ESSEX,
        default=404,
        label="filtered",
    ),
    *_la_page("activity_csv"),
    *_la_page("partner_list"),
    *_la_page("partner_csv"),
    *_la_page("partnership_list"),
    *_la_page("partnership_csv"),
    *_la_page("resource_list"),
    *_la_page("resource_csv"),
    *_la_page("service_list"),
    *_la_page("service_csv"),
    *_la_page("visit_list"),
    *_la_page("visit_csv"),
    *_la_page("peer_review_list"),
    *_la_page("peer_review_csv"),
    *_la_page("exchange_list"),
    *_la_page("exchange_csv"),
    # --- Recording for an LA
    *_create("activity_create", activity_data, lambda w: activity_data(w, w.other_cluster)),
    *_create(
        "partner_create",
        lambda w: {"name": "Harlow Health Visitors", "sector": "health"},
        lambda w: {"name": "Harlow College", "sector": "college"},  # taken: refused
    ),
    *_create("resource_create", resource_data, lambda w: resource_data(w, w.other_cluster)),
    # Northamptonshire's clusters are allowed here: its officer facilitates Essex's project.
    *_create("exchange_create", exchange_data, lambda w: exchange_data(w, w.unlinked_cluster)),
    # A commissioned service: choose the network (GET), then the service for its schools.
    Row("brokerage:service_create", args=lambda w: [w.la.code], expect=RECORD_GET, default=404),
    Row(
        "brokerage:service_create",
        args=lambda w: [w.la.code],
        query={"cluster": "0"},
        expect=RECORD_GET,
        default=404,
        label="no such network",
    ),
    Row(
        "brokerage:service_create",
        args=lambda w: [w.la.code],
        method="put",
        default=405,
    ),
    # --- A cluster's page
    Row(
        "brokerage:cluster_detail",
        args=lambda w: [w.cluster.pk],
        expect=CLUSTER_READ,
        default=404,
    ),
    Row(
        "brokerage:cluster_detail",
        args=lambda w: [w.other_cluster.pk],
        expect=NORTHANTS,
        default=404,
        label="other LA",
    ),
    Row("brokerage:cluster_detail", args=lambda w: [w.cluster.pk], method="post", default=405),
    # --- Partners and partnerships
    Row(
        "brokerage:partner_detail",
        args=lambda w: [w.b_partner.pk],
        expect=CLUSTER_READ,
        default=404,
    ),
    Row(
        "brokerage:partner_detail",
        args=lambda w: [w.b_other_partner.pk],
        expect=NORTHANTS,
        default=404,
        label="other LA",
    ),
    Row("brokerage:partner_detail", args=lambda w: [w.b_partner.pk], method="post", default=405),
    Row(
        "brokerage:partnership_create",
        args=lambda w: [w.b_partner.pk],
        expect=MANAGE_GET,
        default=404,
    ),
    Row(
        "brokerage:partnership_create",
        args=lambda w: [w.b_partner.pk],
        method="post",
        data=lambda w: {
            "target": f"project:{w.project.pk}",
            "purpose": "Careers talks",
            "status": "active",
        },
        expect=MANAGE_POST,
        default=404,
    ),
    Row(
        "brokerage:partnership_create",
        args=lambda w: [w.b_partner.pk],
        method="post",
        data=lambda w: {
            "target": f"cluster:{w.other_cluster.pk}",
            "purpose": "Careers talks",
            "status": "active",
        },
        expect=answers(ok=(RECORDERS, 200), refused=(READERS + CLUSTER_PEOPLE, 403)),
        default=404,
        label="forged id",
    ),
    Row(
        "brokerage:partnership_create",
        args=lambda w: [w.b_partner.pk],
        method="put",
        default=405,
    ),
    Row(
        "brokerage:partnership_status",
        args=lambda w: [w.b_partnership.pk],
        expect=MANAGE_GET,
        default=404,
    ),
    Row(
        "brokerage:partnership_status",
        args=lambda w: [w.b_partnership.pk],
        method="post",
        data=lambda w: {"status": "ended"},
        expect=MANAGE_POST,
        default=404,
    ),
    Row(
        "brokerage:partnership_status",
        args=lambda w: [w.b_partnership.pk],
        method="put",
        default=405,
    ),
    # --- Commissioned services and their impact reviews
    Row(
        "brokerage:service_detail",
        args=lambda w: [w.b_service.pk],
        expect=CLUSTER_READ,
        default=404,
    ),
    Row("brokerage:service_detail", args=lambda w: [w.b_service.pk], method="post", default=405),
    Row(
        "brokerage:impact_review_create",
        args=lambda w: [w.b_service.pk],
        expect=MANAGE_GET,
        default=404,
    ),
    Row(
        "brokerage:impact_review_create",
        args=lambda w: [w.b_service.pk],
        method="post",
        data=lambda w: {
            **_date("reviewed_on"),
            "findings": "Teachers plan together now.",
            "value_for_money": "good",
        },
        expect=MANAGE_POST,
        default=404,
    ),
    Row(
        "brokerage:impact_review_create",
        args=lambda w: [w.b_service.pk],
        method="put",
        default=405,
    ),
    # --- LA-to-LA facilitation of Essex's project
    Row(
        "brokerage:visit_create",
        args=lambda w: [w.project.pk],
        expect=answers(ok=(("staff", "la_facilitator"), 200), refused=(READERS, 403)),
        default=404,
    ),
    Row(
        "brokerage:visit_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {**_date("visited_on"), "purpose": "Review the plan", "report": "Fine."},
        # Staff are not facilitators of the project: the service says so on the form.
        expect=answers(
            ok=(("la_facilitator",), 302), form=(("staff",), 200), refused=(READERS, 403)
        ),
        default=404,
    ),
    Row("brokerage:visit_create", args=lambda w: [w.project.pk], method="put", default=405),
    Row(
        "brokerage:peer_review_create",
        args=lambda w: [w.project.pk],
        expect=answers(ok=((*RECORDERS, "la_facilitator"), 200), refused=(READERS, 403)),
        default=404,
    ),
    Row(
        "brokerage:peer_review_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {
            **_date("reviewed_on"),
            "reviewers": "Two officers from Kirklees",
            "focus": "The enquiry plan",
            "findings": "Clear.",
        },
        expect=answers(ok=((*RECORDERS, "la_facilitator"), 302), refused=(READERS, 403)),
        default=404,
    ),
    Row(
        "brokerage:peer_review_create",
        args=lambda w: [w.project.pk],
        method="put",
        default=405,
    ),
]

# What each successful write does: one audit entry in the actor's name (the services'
# tests check the records themselves). Given here to every POST row that succeeds
# for someone, so the matrix holds each actor to it and everyone else to no change.
ACTIONS = {
    "brokerage:activity_create": "brokerage.activity.recorded",
    "brokerage:partner_create": "brokerage.partner.created",
    "brokerage:partnership_create": "brokerage.partnership.created",
    "brokerage:partnership_status": "brokerage.partnership.status_changed",
    "brokerage:resource_create": "brokerage.resource.allocated",
    "brokerage:service_create": "brokerage.service.commissioned",
    "brokerage:impact_review_create": "brokerage.service.reviewed",
    "brokerage:visit_create": "brokerage.visit.recorded",
    "brokerage:peer_review_create": "brokerage.peer_review.recorded",
    "brokerage:exchange_create": "brokerage.exchange.recorded",
}


ROWS = with_audit_effects(ROWS, ACTIONS)
