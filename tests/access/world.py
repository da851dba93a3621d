"""The fixed data set every access-matrix row runs against, and one user per persona.

`build_world()` returns a World: a namespace of named objects (`w.la`, `w.cluster`,
`w.enquiry_cluster`, ...) plus `w.users[persona]`. Rows reach objects through it,
e.g. `args=lambda w: [w.la.code]`.

Extending it: if your URLs need objects that are not here, write a function that
takes the World, builds them with the factories or services and sets attributes on
it, and register it with `@extend_world` (in this file or in your rows_<area>.py;
matrix.py imports every rows module before any world is built). Extensions run in
registration order, after everything below. Prefer adding objects to changing these:
other areas' rows rely on who can see what here.

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

from enquiries.models import Enquiry, EnquiryLink, QuestionRevision
from networks.models import Role
from tests.factories import (
    ClusterFactory,
    ClusterParticipationFactory,
    InitiativeFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProjectFactory,
    SchoolFactory,
    UserFactory,
    facilitate,
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


def _question(*, author, text: str, **fields) -> Enquiry:
    enquiry = Enquiry.objects.create(**fields)
    revision = QuestionRevision.objects.create(enquiry=enquiry, number=1, text=text, author=author)
    enquiry.current_revision = revision
    enquiry.save(update_fields=["current_revision"])
    return enquiry


def build_world() -> World:
    w = World()
    # --- The register
    w.la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    w.other_la = LocalAuthorityFactory(code="928", name="Northamptonshire", region="East Midlands")
    w.cluster = ClusterFactory(name="Harlow cluster", host_la=w.la)
    w.school = SchoolFactory(name="Harlow Primary", la=w.la, urn=115000)
    MembershipFactory(cluster=w.cluster, school=w.school, is_lead=True)
    w.other_cluster = ClusterFactory(name="Corby cluster", host_la=w.other_la)
    w.other_school = SchoolFactory(name="Corby Primary", la=w.other_la, urn=121000)
    MembershipFactory(cluster=w.other_cluster, school=w.other_school, is_lead=True)

    # --- An initiative both LAs take part in, and each LA's project in it
    w.initiative = InitiativeFactory(name="The learning project")
    w.initiative.participating_las.add(w.la, w.other_la)
    w.project = ProjectFactory(initiative=w.initiative, la=w.la)
    w.other_project = ProjectFactory(initiative=w.initiative, la=w.other_la)
    w.participation = ClusterParticipationFactory(project=w.project, cluster=w.cluster)

    # --- People, one per persona
    users: dict = {"anonymous": None}
    users["staff"] = _person("staff", is_staff=True, is_superuser=True)
    for persona in PERSONAS[2:]:
        users[persona] = _person(persona)
    grant(users["national_facilitator"], Role.NATIONAL_FACILITATOR)
    grant(users["la_coleader"], Role.LA_COLEADER, la=w.la)
    grant(users["la_officer"], Role.LA_OFFICER, la=w.la)
    facilitate(users["la_facilitator"], project=w.project)
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

    # --- Enquiry questions at each level, one revision each
    author = users["national_facilitator"]
    w.key_question = _question(
        author=author,
        text="What does an LA that works as a learning system look like?",
        level=Enquiry.Level.NATIONAL,
        initiative=w.initiative,
        position=1,
    )
    w.enquiry_la = _question(
        author=users["la_coleader"],
        text="How can clusters shape the county's Every Child Matters strategy?",
        level=Enquiry.Level.LA,
        initiative=w.initiative,
        project=w.project,
    )
    w.enquiry_cluster = _question(
        author=users["cluster_lead"],
        text="How does joint transition work change pupils' enjoyment of learning?",
        level=Enquiry.Level.CLUSTER,
        initiative=w.initiative,
        project=w.project,
        cluster_participation=w.participation,
        parent=w.enquiry_la,
    )
    w.other_enquiry = _question(
        author=users["outsider"],
        text="What can Northamptonshire learn from leading multi-agency networks?",
        level=Enquiry.Level.LA,
        initiative=w.initiative,
        project=w.other_project,
    )
    # LA questions have no home parent: they serve the key questions through links.
    for la_question in (w.enquiry_la, w.other_enquiry):
        EnquiryLink.objects.create(enquiry=la_question, target=w.key_question, created_by=author)

    for extend in WORLD_EXTENSIONS:
        extend(w)
    return w
