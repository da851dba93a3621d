import pytest
from django.db import IntegrityError

from networks.models import Role, RoleAssignment, School
from tests.factories import MembershipFactory, SchoolFactory, UserFactory


def test_it_signs_people_in_by_lowercased_email(db):
    user = UserFactory._meta.model.objects.create_user(
        "Head@Example.ORG", "pw-long-enough-1", name="A Head"
    )
    assert user.email == "head@example.org"


def test_it_refuses_a_role_without_its_scope(db):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role=Role.CLUSTER_LEAD)


def test_isolated_schools_are_open_schools_in_no_active_cluster(la, cluster):
    member = cluster.memberships.get().school
    alone = SchoolFactory(la=la)
    SchoolFactory(la=la, status=School.Status.CLOSED)
    left = MembershipFactory(cluster=cluster, left_on="2020-01-01", joined_on="2019-01-01").school
    assert set(School.objects.filter(la=la).isolated()) == {alone, left}
    assert member not in School.objects.isolated()


@pytest.mark.parametrize("scoped", [True, False], ids=["la-role", "national-team"])
def test_it_refuses_the_same_current_role_twice(la, scoped):
    user = UserFactory()
    role, scope = (Role.LA_COLEADER, {"la": la}) if scoped else (Role.NATIONAL_FACILITATOR, {})
    RoleAssignment.objects.create(user=user, role=role, **scope)
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=user, role=role, **scope)


def test_it_lets_a_role_be_held_again_after_it_ended(la):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.LA_OFFICER, la=la, ended_on="2024-07-31")
    assert RoleAssignment.objects.create(user=user, role=Role.LA_OFFICER, la=la).pk


def test_coverage_counts_each_open_school_once_and_only_in_running_clusters(la, cluster):
    from networks.selectors import la_coverage
    from tests.factories import ClusterFactory

    in_two = cluster.memberships.get().school
    MembershipFactory(cluster=ClusterFactory(host_la=la), school=in_two)
    dissolved = ClusterFactory(host_la=la, dissolved_on="2023-08-31")
    MembershipFactory(cluster=dissolved)  # its school is isolated now
    MembershipFactory(cluster=cluster, joined_on="2019-01-01", left_on="2020-01-01")  # left
    MembershipFactory(cluster=cluster, school=SchoolFactory(la=la, status=School.Status.CLOSED))
    coverage = la_coverage(la)
    assert (coverage.covered, coverage.open_schools) == (1, 3)


def test_one_definition_of_an_active_membership(db):
    """The condition (Membership.objects.active) and the row test (is_active_on) agree
    for every combination of joining, leaving and dissolving around a day."""
    import datetime as dt
    import itertools

    from networks.models import Membership
    from tests.factories import ClusterFactory, SchoolFactory

    day = dt.date(2026, 6, 1)
    before, after = dt.date(2026, 1, 1), dt.date(2026, 12, 1)
    running = ClusterFactory()
    dissolved = ClusterFactory(host_la=running.host_la, dissolved_on=before)
    for cluster, joined, left in itertools.product(
        (running, dissolved), (None, before, day, after), (None, day, after)
    ):
        if left is not None and joined is not None and left < joined:
            continue
        Membership.objects.create(
            cluster=cluster,
            school=SchoolFactory(la=cluster.host_la),
            joined_on=joined,
            left_on=left,
        )
    rows = list(Membership.objects.select_related("cluster"))
    assert {m.pk for m in Membership.objects.active(on=day)} == {
        m.pk for m in rows if m.is_active_on(day)
    }
    # Joining later than the day is not active yet (is_current used to miss this).
    late = next(m for m in rows if m.cluster == running and m.joined_on == after)
    assert not late.is_active_on(day)
