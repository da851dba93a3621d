"""One definition of access: the scoped querysets. The `rules` predicates answer the same
questions for one object in memory; this walks generated worlds — every person ×
every object — and fails on any disagreement, naming the person, object and question.

Each world is random but seeded (so a failure reproduces): several LAs in two
initiatives, clusters that take in schools of other LAs and join other LAs'
projects, questions at every level in every status, and people holding every role
(some ended, some inactive, some facilitating an initiative or a project).
"""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enquiries import rules, services
from enquiries.access import (
    ENQUIRY_RELATED,
    get_participation_for_user,
    get_school_participation_for_user,
)
from enquiries.models import (
    ClusterParticipation,
    Enquiry,
    Initiative,
    Project,
    SchoolParticipation,
)
from networks import rules as network_rules
from networks.models import Cluster, LocalAuthority, Role, User
from networks.scope import forget_scope
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

pytestmark = pytest.mark.django_db

SEEDS = [7, 2026, 31337]


def build_generated_world(seed: int) -> None:
    rng = random.Random(seed)
    staff = UserFactory(email=f"staff{seed}@example.org", is_staff=True)
    las = [LocalAuthorityFactory(code=f"{300 + n}", name=f"LA {n}") for n in range(6)]
    clusters, schools = [], []
    for la in las:
        for n in range(3):
            cluster = ClusterFactory(name=f"{la.name} cluster {n}", host_la=la)
            clusters.append(cluster)
            for _ in range(2):
                school = SchoolFactory(la=la)
                schools.append(school)
                MembershipFactory(cluster=cluster, school=school)
    # Some clusters take in a school of another LA.
    for cluster in rng.sample(clusters, 4):
        outside = [school for school in schools if school.la_id != cluster.host_la_id]
        MembershipFactory(cluster=cluster, school=rng.choice(outside))

    initiatives = []
    for n, members in enumerate((las[:4], [las[0], las[4], las[5]])):
        initiatives.append(
            services.initiative_create(
                actor=staff,
                name=f"Initiative {seed}-{n}",
                las=members,
                key_questions=["What does a learning LA look like?", "What raises aspiration?"],
            )
        )
    projects = []
    for initiative in initiatives:
        for la in initiative.participating_las.all():
            if rng.random() < 0.85:
                projects.append(
                    services.project_create(
                        actor=staff,
                        initiative=initiative,
                        la=la,
                        title=f"{la.name} in {initiative.name}",
                        development_focus="Clusters on ECM work.",
                        question=f"What will {la.name} learn?" if rng.random() < 0.8 else "",
                    )
                )
    participations = []
    for project in projects:
        # Mostly the LA's own clusters; now and then a cluster of another LA.
        own = [c for c in clusters if c.host_la_id == project.la_id]
        chosen = rng.sample(own, rng.randint(1, 3))
        if rng.random() < 0.4:
            chosen.append(rng.choice([c for c in clusters if c.host_la_id != project.la_id]))
        for cluster in chosen:
            participations.append(
                services.cluster_join_project(actor=staff, project=project, cluster=cluster)
            )
    school_participations = []
    for participation in participations:
        members = list(participation.cluster.memberships.active().select_related("school"))
        for membership in rng.sample(members, min(len(members), rng.randint(0, 2))):
            school_participations.append(
                services.school_join_cluster(
                    actor=staff, cluster_participation=participation, school=membership.school
                )
            )
    for participation in participations:
        if participation.project.enquiries.filter(level="la").exists() and rng.random() < 0.8:
            services.enquiry_create(
                actor=staff, cluster_participation=participation, text="Cluster question?"
            )
    for school_participation in school_participations:
        cluster_question = Enquiry.objects.filter(
            cluster_participation=school_participation.cluster_participation, level="cluster"
        ).exists()
        if cluster_question and rng.random() < 0.7:
            services.enquiry_create(
                actor=staff, school_participation=school_participation, text="School question?"
            )
    for enquiry in Enquiry.objects.exclude(level="national"):
        step = rng.random()
        if step < 0.6:
            enquiry = Enquiry.objects.select_related(*ENQUIRY_RELATED).get(pk=enquiry.pk)
            services.enquiry_submit(enquiry=enquiry, actor=staff)
            if step < 0.3:
                services.enquiry_agree(enquiry=enquiry, actor=staff)

    # People: each holds one to three roles, now and then ended; a few are inactive.
    for n in range(36):
        person = UserFactory(email=f"p{seed}-{n}@example.org", is_active=rng.random() > 0.05)
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(
                ["national", "la", "la", "cluster", "cluster", "school", "kq", "la2la"]
            )
            role = None
            if kind == "national" and rng.random() < 0.3:
                role = grant(person, Role.NATIONAL_FACILITATOR)
            elif kind == "la":
                role = grant(
                    person,
                    rng.choice([Role.LA_COLEADER, Role.LA_OFFICER]),
                    la=rng.choice(las),
                )
            elif kind == "cluster":
                role = grant(
                    person,
                    rng.choice(
                        [
                            Role.CLUSTER_LEAD,
                            Role.CLUSTER_MEMBER,
                            Role.LINK_ADVISER,
                            Role.CONSULTANT,
                        ]
                    ),
                    cluster=rng.choice(clusters),
                )
            elif kind == "school":
                role = grant(person, Role.SCHOOL_CONTACT, school=rng.choice(schools))
            elif kind == "kq" and not person.facilitations.exists():
                services.initiative_assign_facilitator(
                    initiative=rng.choice(initiatives), user=person, actor=staff
                )
            elif kind == "la2la" and person.is_active:
                project = rng.choice(projects)
                officer = grant(
                    person,
                    Role.LA_OFFICER,
                    la=rng.choice([la for la in las if la.pk != project.la_id]),
                )
                facilitating = person.facilitations.filter(project=project).exists()
                if not facilitating and not person.roles.filter(la_id=project.la_id).exists():
                    services.project_assign_facilitator(project=project, user=person, actor=staff)
                role = officer
            if role is not None and rng.random() < 0.1:
                role.ended_on = "2020-01-01"
                role.save()


def _fresh(user: User) -> User:
    user = User.objects.get(pk=user.pk)
    forget_scope(user)
    return user


def _allowed(helper, user, pk) -> bool:
    try:
        helper(user, pk)
    except (Http404, PermissionDenied):
        return False
    return True


@pytest.fixture
def generated(request):
    build_generated_world(request.param)
    return request.param


@pytest.mark.parametrize("generated", SEEDS, indirect=True)
def test_every_predicate_agrees_with_its_queryset(generated):
    initiatives = list(Initiative.objects.all())
    projects = list(Project.objects.select_related("la", "initiative"))
    participations = list(ClusterParticipation.objects.all())
    school_participations = list(SchoolParticipation.objects.all())
    enquiries = list(Enquiry.objects.select_related(*ENQUIRY_RELATED))
    las = list(LocalAuthority.objects.all())
    # One dissolved cluster: nobody changes its membership any more.
    Cluster.objects.filter(pk=Cluster.objects.order_by("pk").values("pk")[:1]).update(
        dissolved_on="2020-07-31"
    )
    clusters = list(Cluster.objects.all())
    assert len(enquiries) > 20 and len(participations) > 8  # the world is worth walking

    disagreements = []

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            if predicate(user, obj) != (obj.pk in in_sql):
                disagreements.append(
                    f"{user.email}: {question} {type(obj).__name__} {obj.pk} "
                    f"predicate={predicate(user, obj)} queryset={obj.pk in in_sql}"
                )

    for person in User.objects.all():
        user = _fresh(person)
        compare(
            user,
            "sees",
            initiatives,
            rules.sees_initiative,
            Initiative.objects.visible_to(user),
        )
        compare(user, "sees", projects, rules.sees_project, Project.objects.visible_to(user))
        compare(
            user,
            "manages",
            projects,
            rules.may_manage_project,
            Project.objects.managed_by(user),
        )
        compare(
            user,
            "opens",
            participations,
            lambda u, p: _allowed(get_participation_for_user, u, p.pk),
            ClusterParticipation.objects.visible_to(user),
        )
        compare(
            user,
            "opens",
            school_participations,
            lambda u, sp: _allowed(get_school_participation_for_user, u, sp.pk),
            SchoolParticipation.objects.visible_to(user),
        )
        compare(user, "sees", enquiries, rules.sees_enquiry, Enquiry.objects.visible_to(user))
        compare(user, "owns", enquiries, rules.owns_enquiry, Enquiry.objects.owned_by(user))
        compare(user, "edits", enquiries, rules.may_edit_enquiry, Enquiry.objects.editable_by(user))
        compare(
            user,
            "reviews",
            enquiries,
            rules.may_review_enquiry,
            Enquiry.objects.reviewable_by(user),
        )
        compare(
            user, "sees", las, network_rules.can_see_la, LocalAuthority.objects.visible_to(user)
        )
        compare(
            user, "sees", clusters, network_rules.can_see_cluster, Cluster.objects.visible_to(user)
        )
        compare(
            user,
            "hosts clusters in",
            las,
            network_rules.may_create_cluster_in,
            LocalAuthority.objects.cluster_hosts_for(user),
        )
        compare(
            user,
            "manages members of",
            clusters,
            network_rules.manages_members,
            Cluster.objects.members_managed_by(user),
        )
        compare(
            user,
            "proposes members for",
            clusters,
            network_rules.may_propose_member,
            Cluster.objects.proposable_by(user),
        )
    assert not disagreements, "\n".join(disagreements[:40])


def test_a_cluster_from_another_la_sees_the_project_it_works_in_everywhere(db):
    """The disagreement found by hand: the rule let the cluster open the project, the
    initiative matrix (a queryset) showed it nothing."""
    staff = UserFactory(is_staff=True)
    essex, kent = (
        LocalAuthorityFactory(code="881", name="Essex"),
        LocalAuthorityFactory(code="886", name="Kent"),
    )
    initiative = services.initiative_create(actor=staff, name="LEArning", las=[essex])
    project = services.project_create(
        actor=staff, initiative=initiative, la=essex, title="Essex", development_focus="ECM"
    )
    kent_cluster = ClusterFactory(host_la=kent)
    services.cluster_join_project(actor=staff, project=project, cluster=kent_cluster)
    lead = UserFactory()
    grant(lead, Role.CLUSTER_LEAD, cluster=kent_cluster)
    lead = _fresh(lead)
    assert rules.sees_project(lead, project)
    assert list(Project.objects.filter(initiative=initiative).visible_to(lead)) == [project]
    assert rules.sees_initiative(lead, initiative)
    assert list(Initiative.objects.visible_to(lead)) == [initiative]
