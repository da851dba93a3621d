"""Membership brokerage reads: coverage at month ends from joined/left dates, and each
cluster's profile beside the membership questions (brokerage/selectors/membership.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from brokerage.selectors import membership
from networks.models import School
from networks.selectors import la_coverage
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 15)


def test_month_ends_are_the_twelve_before_this_month():
    ends = membership.month_ends(TODAY)
    assert ends[0] == dt.date(2025, 1, 31) and ends[-1] == dt.date(2025, 12, 31)
    assert len(ends) == 12 and dt.date(2025, 2, 28) in ends
    assert membership.month_ends(dt.date(2024, 3, 31))[-1] == dt.date(2024, 2, 29)


@pytest.fixture
def essex(db):
    la = LocalAuthorityFactory(code="881", name="Essex")
    harlow = ClusterFactory(name="Harlow", host_la=la)
    closed = ClusterFactory(name="Old network", host_la=la, dissolved_on=dt.date(2025, 6, 20))

    def school(name, **fields):
        return SchoolFactory(name=name, la=la, **fields)

    # Joined mid-2025.
    MembershipFactory(cluster=harlow, school=school("Ash"), joined_on=dt.date(2025, 6, 10))
    # Left in September 2025.
    MembershipFactory(
        cluster=harlow,
        school=school("Beech"),
        joined_on=dt.date(2024, 1, 1),
        left_on=dt.date(2025, 9, 15),
    )
    # Closed in August 2025 (a member until then): counts while open.
    MembershipFactory(
        cluster=harlow,
        school=school("Cedar", status=School.Status.CLOSED, closed_on=dt.date(2025, 8, 1)),
        joined_on=dt.date(2020, 1, 1),
    )
    # Opened in October 2025, in no cluster.
    school("Damson", opened_on=dt.date(2025, 10, 1))
    # In a network dissolved in June 2025, and no other.
    MembershipFactory(cluster=closed, school=school("Elder"), joined_on=dt.date(2020, 1, 1))
    # Proposed to close: left out of coverage, as the register's own count leaves it out.
    MembershipFactory(
        cluster=harlow, school=school("Fir", status=School.Status.OPEN_PROPOSED_TO_CLOSE)
    )
    # Always in, with no joining date.
    MembershipFactory(cluster=harlow, school=school("Gorse"))
    return la


def by_month(points):
    return {p.on: (p.coverage.covered, p.coverage.open_schools) for p in points}


def test_it_counts_coverage_at_each_month_end(essex):
    points = membership.coverage_history(School.objects.filter(la=essex), today=TODAY)
    got = by_month(points)
    # Ash, Beech, Cedar, Elder, Gorse open; Beech, Cedar, Elder, Gorse in a network.
    assert got[dt.date(2025, 5, 31)] == (4, 5)
    # Ash joined; Elder's network dissolved on 20 June.
    assert got[dt.date(2025, 6, 30)] == (4, 5)
    # Cedar closed on 1 August.
    assert got[dt.date(2025, 8, 31)] == (3, 4)
    # Beech left on 15 September.
    assert got[dt.date(2025, 9, 30)] == (2, 4)
    # Damson opened on 1 October, in no cluster.
    assert got[dt.date(2025, 10, 31)] == (2, 5)
    assert points[-1].is_today and points[-1].label == "Today"


def test_its_last_point_is_the_registers_own_coverage(essex):
    [*_, today] = membership.coverage_history(School.objects.filter(la=essex))
    assert today.coverage == la_coverage(essex)


def test_it_reads_coverage_in_one_query(essex, django_assert_num_queries):
    with django_assert_num_queries(1):
        membership.coverage_history(School.objects.filter(la=essex), today=TODAY)


def test_the_pages_series_keeps_past_month_ends_and_reads_today_live(
    essex, django_assert_num_queries
):
    """The brokerage pages' series: the same points as coverage_history; a second
    reading takes the month ends from the cache (one query, for today), and today's
    point still follows a membership recorded in between."""
    today = timezone.localdate()
    first = membership.las_coverage_history([essex.pk])
    assert by_month(first) == by_month(
        membership.coverage_history(School.objects.filter(la=essex), today=today)
    )
    damson = School.objects.get(name="Damson")
    MembershipFactory(cluster=ClusterFactory(host_la=essex), school=damson)
    with django_assert_num_queries(1):
        second = membership.las_coverage_history([essex.pk])
    assert by_month(second[:-1]) == by_month(first[:-1])
    assert second[-1].is_today and second[-1].coverage == la_coverage(essex)
    assert second[-1].coverage.covered == first[-1].coverage.covered + 1


def test_it_agrees_with_a_row_by_row_count(essex):
    """The SQL against a plain Python reading of the same dates, at every month end."""
    schools = list(School.objects.filter(la=essex).prefetch_related("memberships__cluster"))

    def expected(on):
        def is_open(s):
            opened = s.opened_on is None or s.opened_on <= on
            return opened and (
                s.status == School.Status.OPEN
                or (s.status == School.Status.CLOSED and s.closed_on and s.closed_on > on)
            )

        def member(m):
            return (
                (m.joined_on is None or m.joined_on <= on)
                and (m.left_on is None or m.left_on > on)
                and (m.cluster.dissolved_on is None or m.cluster.dissolved_on > on)
            )

        open_schools = [s for s in schools if is_open(s)]
        covered = [s for s in open_schools if any(member(m) for m in s.memberships.all())]
        return len(covered), len(open_schools)

    for point in membership.coverage_history(School.objects.filter(la=essex), today=TODAY)[:-1]:
        assert (point.coverage.covered, point.coverage.open_schools) == expected(point.on)


def test_it_profiles_each_cluster_beside_the_membership_questions(db):
    la = LocalAuthorityFactory(code="881", name="Essex")
    kent = LocalAuthorityFactory(code="886", name="Kent")
    harlow = ClusterFactory(name="Harlow", host_la=la)
    for name, phase, town, pupils, lead, school_la in [
        ("Ash", School.Phase.PRIMARY, "Harlow", 200, True, la),
        ("Beech", School.Phase.PRIMARY, "Harlow", 100, False, la),
        ("Cedar", School.Phase.SECONDARY, "Epping", 900, False, la),
        ("Dover", School.Phase.PRIMARY, "Dover", 50, False, kent),
    ]:
        school = SchoolFactory(name=name, phase=phase, town=town, pupils=pupils, la=school_la)
        MembershipFactory(cluster=harlow, school=school, is_lead=lead)
    MembershipFactory(cluster=harlow, school=SchoolFactory(la=la), left_on=dt.date(2025, 1, 1))
    SchoolFactory(name="Left out", la=la, town="Harlow")  # isolated, in a town it serves
    SchoolFactory(name="Far away", la=la, town="Tiptree")  # isolated elsewhere
    ClusterFactory(name="Empty", host_la=la)

    clusters = list(membership.hosted_clusters(la))
    assert [(c.name, c.member_count, c.pupil_count) for c in clusters] == [
        ("Empty", 0, 0),
        ("Harlow", 4, 1250),
    ]
    profile_empty, profile = membership.cluster_profiles(la, clusters)
    assert profile.phases == [("Primary", 3), ("Secondary", 1)]
    assert profile.is_cross_phase and round(profile.phase_diversity, 3) == 0.375
    assert profile.towns == [("Harlow", 2), ("Dover", 1), ("Epping", 1)]
    assert profile.other_la_schools == 1 and profile.lead_schools == ["Ash"]
    assert profile.isolated_nearby == 1
    assert profile_empty.phase_summary == "no members now" and profile_empty.phase_diversity == 0


def test_it_profiles_a_page_of_clusters_in_three_queries(db, django_assert_num_queries):
    la = LocalAuthorityFactory(code="881")
    for n in range(5):
        MembershipFactory(cluster=ClusterFactory(host_la=la, name=f"C{n}"), is_lead=True)
    clusters = list(membership.hosted_clusters(la))
    with django_assert_num_queries(3):
        membership.cluster_profiles(la, clusters)
