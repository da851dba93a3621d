"""One definition of brokerage access: the querysets built from brokerage/access_q.py.
The predicates in brokerage/rules.py answer the same questions for one object in
memory; this walks generated worlds (the enquiries one: LAs, clusters with schools
of other LAs, projects, people holding every role, some ended, some inactive, some
facilitating an initiative or a project) with brokerage of every kind added, every
person × every object, and fails on any disagreement."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from brokerage import access, access_q, rules, services
from brokerage.models import (
    BrokerageActivity,
    CommissionedService,
    FacilitationVisit,
    ImpactReview,
    KnowledgeExchange,
    Partner,
    Partnership,
    PeerReview,
    ResourceAllocation,
)
from brokerage.selectors.network import exchange_clusters
from enquiries.models import Facilitation, Project
from networks.models import Cluster, LocalAuthority, User
from tests.enquiries.test_access_agreement import SEEDS, _fresh, build_generated_world

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 12)
ROLES = {
    "membership": "raise_awareness",
    "relationships": "build_trust",
    "partnerships": "services",
    "resources": "allocate_funds",
    "knowledge_exchange": "move_practice",
}


def add_brokerage(seed: int) -> None:
    rng = random.Random(seed * 7 + 1)
    staff = User.objects.filter(is_staff=True).first()
    for la in LocalAuthority.objects.all():
        clusters = list(Cluster.objects.filter(host_la=la))
        projects = list(Project.objects.filter(la=la))
        for n in range(rng.randint(1, 3)):
            role = rng.choice(list(ROLES))
            services.activity_record(
                actor=staff,
                la=la,
                role=role,
                activity=ROLES[role],
                summary=f"Activity {n}",
                happened_on=DAY,
                clusters=rng.sample(clusters, rng.randint(0, min(2, len(clusters)))),
            )
        partners = [
            services.partner_create(actor=staff, la=la, name=f"Partner {n}", sector="health")
            for n in range(2)
        ]
        for partner in partners:
            for _ in range(rng.randint(0, 2)):
                if projects and rng.random() < 0.3:
                    target = {"project": rng.choice(projects)}
                else:
                    target = {"cluster": rng.choice(clusters)}
                services.partnership_create(actor=staff, partner=partner, purpose="P", **target)
        for cluster in rng.sample(clusters, 2):
            services.resource_allocate(
                actor=staff,
                la=la,
                cluster=cluster,
                source="lottery",
                amount="100",
                fund_holder="la",
                purpose="R",
                allocated_on=DAY,
            )
            members = [m.school for m in cluster.memberships.active().select_related("school")]
            service = services.service_commission(
                actor=staff,
                la=la,
                cluster=cluster,
                provider=partners[0],
                title="S",
                schools=members[:1],
                starts_on=DAY,
            )
            if rng.random() < 0.6:
                services.impact_review_record(
                    actor=staff,
                    service=service,
                    reviewed_on=DAY,
                    findings="F",
                    value_for_money="good",
                )
        for project in projects:
            services.peer_review_record(
                actor=staff,
                project=project,
                reviewed_on=DAY,
                reviewers="R",
                focus="F",
                findings="F",
            )
            for facilitation in Facilitation.objects.current().filter(project=project):
                services.visit_record(
                    actor=staff,
                    project=project,
                    facilitator=facilitation.user,
                    visited_on=DAY,
                    purpose="V",
                    report="R",
                )
        allowed = list(exchange_clusters(la))
        for _ in range(rng.randint(0, 2)):
            chosen = rng.sample(allowed, min(len(allowed), 3))
            source, targets = (chosen[0], chosen[1:]) if rng.random() < 0.7 else (None, chosen)
            if targets:
                services.knowledge_exchange_record(
                    actor=staff,
                    la=la,
                    practice="K",
                    source_cluster=source,
                    source_note="" if source else "Elsewhere",
                    target_clusters=targets,
                    shared_on=DAY,
                )
    # Some facilitations end after their visits: the facilitator still reads those.
    for facilitation in Facilitation.objects.current().filter(project__isnull=False):
        if rng.random() < 0.3:
            facilitation.ended_on = DAY
            facilitation.save()


def _opens(helper, user, pk, action="view") -> bool:
    try:
        helper(user, pk, action=action)
    except (Http404, PermissionDenied):
        return False
    return True


@pytest.fixture
def generated(request):
    build_generated_world(request.param)
    add_brokerage(request.param)
    return request.param


@pytest.mark.parametrize("generated", SEEDS[:2], indirect=True)
def test_every_predicate_agrees_with_its_queryset(generated):
    las = list(LocalAuthority.objects.all())
    clusters = list(Cluster.objects.all())
    kinds = {
        "activity": (
            list(BrokerageActivity.objects.prefetch_related("clusters")),
            rules.sees_activity,
            BrokerageActivity.objects,
        ),
        "partner": (
            list(Partner.objects.prefetch_related("partnerships")),
            rules.sees_partner,
            Partner.objects,
        ),
        "partnership": (
            list(Partnership.objects.all()),
            rules.sees_partnership,
            Partnership.objects,
        ),
        "resource": (
            list(ResourceAllocation.objects.all()),
            rules.sees_resource,
            ResourceAllocation.objects,
        ),
        "service": (
            list(CommissionedService.objects.all()),
            rules.sees_service,
            CommissionedService.objects,
        ),
        "impact review": (
            list(ImpactReview.objects.select_related("service")),
            rules.sees_impact_review,
            ImpactReview.objects,
        ),
        "visit": (
            list(FacilitationVisit.objects.all()),
            rules.sees_visit,
            FacilitationVisit.objects,
        ),
        "peer review": (list(PeerReview.objects.all()), rules.sees_peer_review, PeerReview.objects),
        "exchange": (
            list(
                KnowledgeExchange.objects.select_related("source_cluster").prefetch_related(
                    Prefetch("target_clusters", Cluster.objects.all())
                )
            ),
            rules.sees_exchange,
            KnowledgeExchange.objects,
        ),
    }
    sizes = {kind: len(objects) for kind, (objects, _, _) in kinds.items()}
    assert all(n > 0 for n in sizes.values()) and sum(sizes.values()) > 60, sizes
    managed = {
        "partner": Partner.objects,
        "partnership": Partnership.objects,
        "service": CommissionedService.objects,
        "resource": ResourceAllocation.objects,
    }

    disagreements: list[str] = []

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            if predicate(user, obj) != (obj.pk in in_sql):
                disagreements.append(
                    f"{user.email}: {question} {type(obj).__name__} {obj.pk} "
                    f"predicate={predicate(user, obj)} queryset={obj.pk in in_sql}"
                )

    seen = {"readers": 0, "cluster readers": 0}
    for person in User.objects.all():
        user = _fresh(person)
        readable = LocalAuthority.objects.filter(access_q.readable_las(user))
        compare(user, "reads", las, rules.sees_la_brokerage, readable)
        compare(
            user,
            "records",
            las,
            rules.records_la_brokerage,
            LocalAuthority.objects.filter(access_q.recordable_las(user)),
        )
        compare(
            user,
            "reads cluster",
            clusters,
            rules.sees_cluster_brokerage,
            Cluster.objects.filter(access_q.readable_clusters(user)),
        )
        for kind, (objects, predicate, manager) in kinds.items():
            compare(user, f"sees {kind}", objects, predicate, manager.visible_to(user))
        for kind, manager in managed.items():
            compare(
                user, f"manages {kind}", kinds[kind][0], rules.manages, manager.managed_by(user)
            )
        # The access helpers open exactly what the querysets show.
        compare(
            user,
            "opens",
            kinds["partner"][0],
            lambda u, p: _opens(access.get_partner_for_user, u, p.pk),
            Partner.objects.visible_to(user),
        )
        compare(
            user,
            "opens",
            kinds["service"][0],
            lambda u, s: _opens(access.get_service_for_user, u, s.pk),
            CommissionedService.objects.visible_to(user),
        )
        compare(
            user,
            "opens",
            las,
            lambda u, la: _opens(access.get_la_for_user, u, la.code),
            readable,
        )
        seen["readers"] += readable.exists() and not user.is_staff
        seen["cluster readers"] += bool(access_q.cluster_ids(user)) and not readable.exists()
    assert seen["readers"] > 5 and seen["cluster readers"] > 2, seen
    assert not disagreements, "\n".join(disagreements[:40])
