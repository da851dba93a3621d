"""A small initiative built through the real services, with one person per role.

    initiative "LEArning" (key questions KQ1, KQ2), LAs Essex (X), Northants (Y), Kent (Z)
    project X  — LA question; clusters Harlow (A, with school Oak) and Braintree (A2)
    project Y  — LA question; cluster Corby (B)
    project Z  — LA question
    LA W (Wandsworth) takes no part.

People: national (national team), kq_facilitator (facilitates the initiative),
staff, co_x / co_y / co_z (co-leaders), lead_a / lead_a2 / lead_b (cluster leads),
school_contact (Oak), officer_x_facilitating_y (LA officer in X, LA-to-LA
facilitator of Y's project), outsider (co-leader in W).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from enquiries import services
from enquiries.models import ClusterParticipation, Enquiry, Initiative, Project, SchoolParticipation
from networks.models import Cluster, LocalAuthority, Role, School, User
from networks.scope import forget_scope
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)


@dataclass
class World:
    initiative: Initiative
    kq1: Enquiry
    kq2: Enquiry
    la_x: LocalAuthority
    la_y: LocalAuthority
    la_z: LocalAuthority
    la_w: LocalAuthority
    project_x: Project
    project_y: Project
    project_z: Project
    cluster_a: Cluster
    cluster_a2: Cluster
    cluster_b: Cluster
    part_a: ClusterParticipation
    part_a2: ClusterParticipation
    part_b: ClusterParticipation
    school_oak: School
    part_oak: SchoolParticipation
    q_x: Enquiry
    q_y: Enquiry
    q_z: Enquiry
    q_a: Enquiry
    q_a2: Enquiry
    q_b: Enquiry
    q_oak: Enquiry
    national: User
    kq_facilitator: User
    staff: User
    co_x: User
    co_y: User
    co_z: User
    lead_a: User
    lead_a2: User
    lead_b: User
    school_contact: User
    officer_x_facilitating_y: User
    outsider: User

    def person(self, name: str) -> User:
        """The named person with a fresh Scope (roles may have changed since)."""
        user = User.objects.get(pk=getattr(self, name).pk)
        forget_scope(user)
        return user

    def enquiry(self, name: str) -> Enquiry:
        """The named question, reloaded the way the access helpers load it."""
        from enquiries.access import ENQUIRY_RELATED

        return Enquiry.objects.select_related(*ENQUIRY_RELATED).get(pk=getattr(self, name).pk)


def shared_world(django_db_blocker) -> Iterator[World]:
    """One world per test module, rolled back at the end of the module.

    Building it takes ~80 service calls, too slow to repeat for every one of a few
    hundred parametrised cases. Like TestCase.setUpTestData, it lives in an outer
    transaction; each test (marked django_db) runs in a savepoint inside it and is
    rolled back, so tests still cannot see each other's changes. Tests take people
    and questions through World.person / World.enquiry, which reload them.

    tests/enquiries/conftest.py serves it as the module-scoped `world` fixture:

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            yield from shared_world(django_db_blocker)
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def person(email_name: str, role=None, **scope) -> User:
    user = UserFactory(email=f"{email_name}@example.org", name=email_name.replace("_", " ").title())
    if role is not None:
        grant(user, role, **scope)
    return user


def build_world() -> World:
    la_x = LocalAuthorityFactory(code="881", name="Essex")
    la_y = LocalAuthorityFactory(code="928", name="Northamptonshire")
    la_z = LocalAuthorityFactory(code="886", name="Kent")
    la_w = LocalAuthorityFactory(code="212", name="Wandsworth")

    national = person("national", Role.NATIONAL_FACILITATOR)
    staff = UserFactory(email="staff@example.org", name="Staff Member", is_staff=True)
    co_x = person("co_x", Role.LA_COLEADER, la=la_x)
    co_y = person("co_y", Role.LA_COLEADER, la=la_y)
    co_z = person("co_z", Role.LA_COLEADER, la=la_z)
    outsider = person("outsider", Role.LA_COLEADER, la=la_w)

    initiative = services.initiative_create(
        actor=national,
        name="LEArning",
        sponsors="A national college",
        las=[la_x, la_y, la_z],
        key_questions=[
            "What does an LA that works as a learning system look like?",
            "What can be learned from LAs leading multi-agency networked working?",
        ],
    )
    kq1, kq2 = initiative.enquiries.order_by("position")
    kq_facilitator = person("kq_facilitator")
    services.initiative_assign_facilitator(
        initiative=initiative, user=kq_facilitator, actor=national
    )

    def project(la, coleader, question):
        return services.project_create(
            actor=coleader,
            initiative=initiative,
            la=la,
            title=f"{la.name} learning project",
            development_focus="Get clusters moving on Every Child Matters work.",
            question=question,
            rationale="First thoughts from the co-ordinating group.",
        )

    project_x = project(la_x, co_x, "How can clusters shape the county's ECM strategy?")
    project_y = project(la_y, co_y, "How does an area partnership raise aspiration?")
    project_z = project(la_z, co_z, "What makes multi-agency working stick?")

    cluster_a = ClusterFactory(name="Harlow cluster", host_la=la_x)
    cluster_a2 = ClusterFactory(name="Braintree cluster", host_la=la_x)
    cluster_b = ClusterFactory(name="Corby cluster", host_la=la_y)
    school_oak = SchoolFactory(name="Oak Primary", la=la_x)
    MembershipFactory(cluster=cluster_a, school=school_oak, is_lead=True)

    lead_a = person("lead_a", Role.CLUSTER_LEAD, cluster=cluster_a)
    lead_a2 = person("lead_a2", Role.CLUSTER_LEAD, cluster=cluster_a2)
    lead_b = person("lead_b", Role.CLUSTER_LEAD, cluster=cluster_b)
    school_contact = person("school_contact", Role.SCHOOL_CONTACT, school=school_oak)
    officer = person("officer_x_facilitating_y", Role.LA_OFFICER, la=la_x)
    services.project_assign_facilitator(project=project_y, user=officer, actor=national)

    def join(project, cluster, coleader):
        return services.cluster_join_project(
            actor=coleader, project=project, cluster=cluster, ecm_outcomes=["enjoy_and_achieve"]
        )

    part_a = join(project_x, cluster_a, co_x)
    part_a2 = join(project_x, cluster_a2, co_x)
    part_b = join(project_y, cluster_b, co_y)
    part_oak = services.school_join_cluster(
        actor=lead_a, cluster_participation=part_a, school=school_oak
    )

    def question(owner, **where):
        return services.enquiry_create(actor=owner, text=f"What will {owner.name} learn?", **where)

    world = World(
        initiative=initiative,
        kq1=kq1,
        kq2=kq2,
        la_x=la_x,
        la_y=la_y,
        la_z=la_z,
        la_w=la_w,
        project_x=project_x,
        project_y=project_y,
        project_z=project_z,
        cluster_a=cluster_a,
        cluster_a2=cluster_a2,
        cluster_b=cluster_b,
        part_a=part_a,
        part_a2=part_a2,
        part_b=part_b,
        school_oak=school_oak,
        part_oak=part_oak,
        q_x=project_x.enquiries.get(level=Enquiry.Level.LA),
        q_y=project_y.enquiries.get(level=Enquiry.Level.LA),
        q_z=project_z.enquiries.get(level=Enquiry.Level.LA),
        q_a=question(lead_a, cluster_participation=part_a),
        q_a2=question(lead_a2, cluster_participation=part_a2),
        q_b=question(lead_b, cluster_participation=part_b),
        q_oak=None,  # type: ignore[arg-type]
        national=national,
        kq_facilitator=kq_facilitator,
        staff=staff,
        co_x=co_x,
        co_y=co_y,
        co_z=co_z,
        lead_a=lead_a,
        lead_a2=lead_a2,
        lead_b=lead_b,
        school_contact=school_contact,
        officer_x_facilitating_y=officer,
        outsider=outsider,
    )
    world.q_oak = question(school_contact, school_participation=part_oak)
    return world
