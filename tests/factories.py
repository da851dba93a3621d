"""factory_boy factories for every model. Build workflow state through services, not here."""

import factory
from factory.django import DjangoModelFactory

from enquiries.models import ClusterParticipation, Facilitation, Initiative, Project
from networks.models import Cluster, LocalAuthority, Membership, Role, RoleAssignment, School, User


class LocalAuthorityFactory(DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 899) + 100:03d}")
    name = factory.Sequence(lambda n: f"Authority {n}")
    region = "East of England"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 500000 + n)
    name = factory.Sequence(lambda n: f"School {n} Primary")
    la = factory.SubFactory(LocalAuthorityFactory)
    type = "Community school"
    type_group = "Local authority maintained schools"
    status = School.Status.OPEN
    phase = School.Phase.PRIMARY
    statutory_low_age = 4
    statutory_high_age = 11
    pupils = 210
    town = "Chelmsford"
    postcode = "CM1 1AA"


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cluster {n}")
    kind = Cluster.Kind.CLUSTER
    host_la = factory.SubFactory(LocalAuthorityFactory)
    description = "Schools working together on transition."


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    school = factory.SubFactory(SchoolFactory, la=factory.SelfAttribute("..cluster.host_la"))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = "Example LA"
    password = factory.django.Password("correct horse battery staple")


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.LA_COLEADER
    la = factory.SubFactory(LocalAuthorityFactory)


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Learning initiative {n}")
    sponsors = "National college and an innovation unit"


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    initiative = factory.SubFactory(InitiativeFactory)
    la = factory.SubFactory(LocalAuthorityFactory)
    title = factory.LazyAttribute(lambda o: f"{o.la.name} learning project")
    development_focus = "Get clusters moving on Every Child Matters work."


class ClusterParticipationFactory(DjangoModelFactory):
    class Meta:
        model = ClusterParticipation

    project = factory.SubFactory(ProjectFactory)
    cluster = factory.SubFactory(ClusterFactory, host_la=factory.SelfAttribute("..project.la"))
    ecm_outcomes = ["enjoy_and_achieve"]
    networking_kinds = ["school_to_school"]


def grant(user, role, **scope) -> RoleAssignment:
    """Give `user` a role at a scope, e.g. grant(u, Role.CLUSTER_LEAD, cluster=c)."""
    return RoleAssignment.objects.create(user=user, role=role, **scope)


def facilitate(user, *, initiative=None, project=None, granted_by=None) -> Facilitation:
    """Make `user` a facilitator of an initiative or a project, directly (no checks):
    for tests about who sees what. Tests of the workflow use the services."""
    kind = Facilitation.Kind.INITIATIVE if initiative is not None else Facilitation.Kind.PROJECT
    return Facilitation.objects.create(
        user=user, kind=kind, initiative=initiative, project=project, granted_by=granted_by
    )
