"""The fixed data set every access-matrix row runs against, and one user per persona.

`build_world()` returns a World: a namespace of named objects (`w.la`, `w.cluster`,
`w.enquiry_cluster`, ...) plus `w.users[persona]`. Rows reach objects through it,
e.g. `args=lambda w: [w.la.code]`.

How it is built: like production. Whatever has a service (initiatives, projects,
clusters and schools joining, questions, links, facilitation, invitations) is made
by calling it as someone allowed to, so every object comes with the events, audit
entries and notifications the real path writes. The register and people's roles
(LAs, schools, clusters, memberships, role grants), which no page or service
creates, are built with the factories.

The world is built once per test module (see test_access_matrix.py) and every
request runs in a transaction rolled back afterwards, so rows must not rely on
objects' Python state changing: they read ids through `w`, and effects read the
database.

Extending it: if your URLs need objects that are not here, write a function that
takes the World, builds them with the services (or the factories, for the
register) and sets attributes on it, and register it with `@extend_world` (in this
file or in your rows_<area>.py; matrix.py imports every rows module before any
world is built). Extensions run in registration order, after everything below.
Prefer adding objects to changing these: other areas' rows rely on who can see what
here.

Who is who (and so who sees what, via networks/scope.py):

    persona               role held                          sees
    anonymous             (not signed in)                    nothing
    staff                 is_staff + is_superuser            everything
    national_facilitator  national team (no initiative)      everything
    la_coleader           LA co-leader of la (Essex)         la
    la_officer            LA officer of la                   la
    la_facilitator        LA-to-LA facilitator of project,   la (through project), other_la
                          and LA officer of other_la
    link_adviser          link adviser to cluster            cluster, and its host la
    consultant            consultant to cluster              cluster, and its host la
    cluster_lead          cluster lead of cluster            cluster, and its host la
    cluster_member        cluster member of cluster          cluster, and its host la
    school_contact        school contact of school           school, and its la
    outsider              LA co-leader of other_la           other_la only
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

PERSONAS: tuple[str, ...] = (
    "anonymous",
    "staff",
    "national_facilitator",
    "la_coleader",
    "la_officer",
    "la_facilitator",
    "link_adviser",
    "consultant",
    "cluster_lead",
    "cluster_member",
    "school_contact",
    "outsider",
)


class World(SimpleNamespace):
    """Named objects for rows to point at; `users` maps persona to User (or None)."""

    users: dict


WORLD_EXTENSIONS: list[Callable[[World], None]] = []


def extend_world(builder: Callable[[World], None]) -> Callable[[World], None]:
    """Register `builder` to run at the end of build_world(); usable as a decorator."""
    if builder not in WORLD_EXTENSIONS:
        WORLD_EXTENSIONS.append(builder)
    return builder


def _person(persona: str, **extra):
    return UserFactory(email=f"{persona.replace('_', '-')}@example.org", name=persona, **extra)


def build_world() -> World:
    w = World()
    # --- The register (no service creates it: the GIAS import and the admin do)
    w.la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    w.other_la = LocalAuthorityFactory(code="928", name="Northamptonshire", region="East Midlands")
    w.cluster = ClusterFactory(name="Harlow cluster", host_la=w.la)
    w.school = SchoolFactory(name="Harlow Primary", la=w.la, urn=115000)
    MembershipFactory(cluster=w.cluster, school=w.school, is_lead=True)
    w.other_cluster = ClusterFactory(name="Corby cluster", host_la=w.other_la)
    w.other_school = SchoolFactory(name="Corby Primary", la=w.other_la, urn=121000)
    MembershipFactory(cluster=w.other_cluster, school=w.other_school, is_lead=True)

    # --- People, one per persona, with their roles (granted before anyone acts, as a
    # person's Scope is worked out once and kept on the user object)
    users: dict = {"anonymous": None}
    users["staff"] = _person("staff", is_staff=True, is_superuser=True)
    for persona in PERSONAS[2:]:
        users[persona] = _person(persona)
    grant(users["national_facilitator"], Role.NATIONAL_FACILITATOR)
    grant(users["la_coleader"], Role.LA_COLEADER, la=w.la)
    grant(users["la_officer"], Role.LA_OFFICER, la=w.la)
    # An officer of another LA, as an LA-to-LA facilitator must be (assigned below).
    grant(users["la_facilitator"], Role.LA_OFFICER, la=w.other_la)
    for persona, role in [
        ("link_adviser", Role.LINK_ADVISER),
        ("consultant", Role.CONSULTANT),
        ("cluster_lead", Role.CLUSTER_LEAD),
        ("cluster_member", Role.CLUSTER_MEMBER),
    ]:
        grant(users[persona], role, cluster=w.cluster)
    grant(users["school_contact"], Role.SCHOOL_CONTACT, school=w.school)
    grant(users["outsider"], Role.LA_COLEADER, la=w.other_la)
    w.users = users
    national, coleader = users["national_facilitator"], users["la_coleader"]

    # --- An initiative both LAs take part in, set up by the national team with its
    # key question (agreed from the start, as initiative_create makes them)
    w.initiative = services.initiative_create(
        actor=national,
        name="The learning project",
        sponsors="National college and an innovation unit",
        las=[w.la, w.other_la],
        key_questions=["What does an LA that works as a learning system look like?"],
    )
    w.key_question = w.initiative.enquiries.get(level=Enquiry.Level.NATIONAL, position=1)

    # --- Each LA's project, set up by its co-leader with its LA research question
    # (a draft, like every question below)
    def project(la, la_coleader, question):
        return services.project_create(
            actor=la_coleader,
            initiative=w.initiative,
            la=la,
            title=f"{la.name} learning project",
            development_focus="Get clusters moving on Every Child Matters work.",
            question=question,
        )

    w.project = project(
        w.la, coleader, "How can clusters shape the county's Every Child Matters strategy?"
    )
    w.other_project = project(
        w.other_la,
        users["outsider"],
        "What can Northamptonshire learn from leading multi-agency networks?",
    )
    w.enquiry_la = w.project.enquiries.get(level=Enquiry.Level.LA)
    w.other_enquiry = w.other_project.enquiries.get(level=Enquiry.Level.LA)

    # --- Harlow cluster in Essex's project, brought in by the co-leader; its question
    # (answering to the LA question) written by its lead
    w.participation = services.cluster_join_project(
        actor=coleader,
        project=w.project,
        cluster=w.cluster,
        ecm_outcomes=["enjoy_and_achieve"],
        networking_kinds=["school_to_school"],
    )
    w.enquiry_cluster = services.enquiry_create(
        actor=users["cluster_lead"],
        cluster_participation=w.participation,
        text="How does joint transition work change pupils' enjoyment of learning?",
    )

    # --- The national team makes Northamptonshire's officer a facilitator of Essex's project
    w.facilitation = services.project_assign_facilitator(
        project=w.project, user=users["la_facilitator"], actor=national
    )

    # LA questions have no home parent: their co-leaders link them to the key questions.
    services.enquiry_link(enquiry=w.enquiry_la, target=w.key_question, actor=coleader)
    services.enquiry_link(enquiry=w.other_enquiry, target=w.key_question, actor=users["outsider"])

    for extend in WORLD_EXTENSIONS:
        extend(w)
    return w
