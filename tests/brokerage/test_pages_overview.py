"""The brokerage index, an LA's dashboard, membership page and network map, a
cluster's page; and how brokerage is linked in (menu, LA page, home panel)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerage import services
from networks.models import Role
from tests.brokerage.conftest import parse_csv
from tests.brokerage.factories import DAY
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, LocalAuthorityFactory, MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("brokerage:index")


def la_url(name, la):
    return reverse(f"brokerage:{name}", args=[la.code])


# --- The index


def test_the_index_lists_the_las_a_person_reads_with_coverage(world, as_):
    response = as_("facilitator_x").get(INDEX)
    names = [row.la.name for row in response.context["rows"]]
    assert names == ["Essex", "Northamptonshire"]  # facilitates Essex, officer in Northants
    assert response.context["history"][-1].is_today
    assert b"Coverage over time" in response.content


def test_the_index_shows_cluster_people_their_clusters_only(world, as_):
    response = as_("member_a").get(INDEX)
    assert response.context["page_obj"].paginator.count == 0
    assert [c.name for c in response.context["clusters"]] == ["Harlow cluster"]
    assert (
        reverse("brokerage:cluster_detail", args=[world.cluster_a.pk]).encode() in response.content
    )


def test_the_index_tells_someone_with_nothing_to_see(world, as_):
    assert b"There is no brokerage for you to see yet" in as_("school_contact").get(INDEX).content


@pytest.mark.parametrize("n", [1, 10])
def test_the_index_reads_a_fixed_number_of_queries(world, client, n, django_assert_num_queries):
    user = person("many_las")
    for i in range(n):
        la = LocalAuthorityFactory(code=f"{600 + i}")
        from tests.factories import grant

        grant(user, Role.LA_OFFICER, la=la)
        MembershipFactory(cluster=ClusterFactory(host_la=la), school=SchoolFactory(la=la))
    client.force_login(user)
    # session, user, scope (+ facilitations), LA count, page of LAs, their coverage; the
    # coverage series: the LAs' ids, the month ends (cached after this), today's coverage;
    # notification count (no cluster roles: no query for them)
    with django_assert_num_queries(11):
        response = client.get(INDEX)
    assert len(response.context["rows"]) == n


def test_the_index_csv_has_a_row_per_la(world, as_):
    rows = parse_csv(as_("national").get(reverse("brokerage:index_csv")))
    assert rows[0] == [
        "LA code",
        "LA",
        "Open schools",
        "In an active cluster",
        "Isolated",
        "Coverage (%)",
    ]
    assert {row[1] for row in rows[1:]} >= {"Essex", "Northamptonshire", "Kent", "Wandsworth"}


# --- An LA's dashboard


def test_the_dashboard_draws_activity_and_resources_with_tables(world, as_):
    services.activity_record(
        actor=world.person("co_x"),
        la=world.la_x,
        role="resources",
        activity="new_funding",
        summary="Helped two clusters bid to the lottery",
        happened_on=DAY.replace(day=1),
    )
    response = as_("co_x").get(la_url("la_dashboard", world.la_x))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('role="img"') == 2 and "style=" not in body
    assert '<title id="role-chart-title">' in body and "Resources by source" in body
    by_role = response.context["by_role"]
    assert by_role.total == BrokerageActivityCount(world)
    assert "Helped two clusters bid to the lottery" in body
    assert "Development days for Oak" not in body or "Impact reviews due" in body


def BrokerageActivityCount(world):  # noqa: N802 - reads like the count it is
    """Activities in the dashboard's window (the last twelve months and this one)."""
    from brokerage.models import BrokerageActivity
    from brokerage.selectors.records import activity_by_role

    return activity_by_role(BrokerageActivity.objects.filter(la=world.la_x)).total


def test_the_dashboard_counts_each_role_in_its_month(world, as_):
    from django.utils import timezone

    today = timezone.localdate()
    services.activity_record(
        actor=world.person("co_z"),
        la=world.la_z,
        role="knowledge_exchange",
        activity="la_to_la",
        summary="Met Kirklees",
        happened_on=today,
    )
    by_role = as_("co_z").get(la_url("la_dashboard", world.la_z)).context["by_role"]
    month, cells, total = by_role.rows()[-1]
    assert month == today.replace(day=1) and total == 1
    assert cells[[role for role, _ in by_role.roles].index("knowledge_exchange")] == 1


@pytest.mark.parametrize("n", [1, 10])
def test_the_dashboard_reads_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    cluster = ClusterFactory(host_la=world.la_z, name="Kent network")
    for i in range(n):
        services.activity_record(
            actor=world.person("co_z"),
            la=world.la_z,
            role="membership",
            activity="raise_awareness",
            summary=f"A{i}",
            happened_on=DAY,
            clusters=[cluster],
        )
        services.resource_allocate(
            actor=world.person("co_z"),
            la=world.la_z,
            cluster=cluster,
            source="la_core",
            amount=10,
            fund_holder="la",
            purpose="P",
            allocated_on=DAY,
        )
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, activity by month and role, resource
    # totals, recent activities, their clusters, reviews due, notification count
    with django_assert_num_queries(11):
        c.get(la_url("la_dashboard", world.la_z))


# --- Membership


def test_the_membership_page_puts_each_cluster_beside_the_questions(world, as_):
    response = as_("officer_x").get(la_url("la_membership", world.la_x))
    body = response.content.decode()
    for question in (
        "Is the size fit for purpose?",
        "Is the mix of schools diverse enough?",
        "Does it serve a recognisable community?",
        "Why are some schools in and others not?",
    ):
        assert body.count(question) == 3  # Braintree, the AIP, Harlow
    assert "LAs influence" not in body and "it never directs" in body
    assert 'id="coverage-chart-title"' in body


@pytest.mark.parametrize("n", [1, 10])
def test_the_membership_page_reads_a_fixed_number_of_queries(
    world, as_, n, django_assert_num_queries
):
    for i in range(n):
        MembershipFactory(
            cluster=ClusterFactory(host_la=world.la_z, name=f"Kent {i}"),
            school=SchoolFactory(la=world.la_z),
            is_lead=True,
        )
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, coverage history (month ends, cached
    # after this, and today), cluster count, clusters, their members' phases and towns,
    # lead schools, isolated schools by town, notification count
    with django_assert_num_queries(13):
        response = c.get(la_url("la_membership", world.la_z))
    assert len(response.context["profiles"]) == n


def test_the_membership_csv_names_lead_schools_safely(world, as_):
    MembershipFactory(
        cluster=world.cluster_a2,
        school=SchoolFactory(name="@Braintree Academy", la=world.la_x),
        is_lead=True,
    )
    rows = parse_csv(as_("co_x").get(la_url("la_membership_csv", world.la_x)))
    assert rows[0][0] == "Cluster" and rows[0][-1] == "Lead school(s)"
    braintree = next(r for r in rows if r[0] == "Braintree cluster")
    assert braintree[-1] == "'@Braintree Academy" and braintree[3] == "1"


# --- The network map


def test_the_map_draws_clusters_partners_and_facilitating_las(world, as_):
    body = as_("co_x").get(la_url("la_map", world.la_x)).content.decode()
    assert 'role="img" aria-labelledby="net-title net-desc"' in body and "style=" not in body
    for label in ("Essex", "Harlow cluster", "Harlow College", "Northamptonshire"):
        assert f">{label}</text>" in body
    tail = body[body.index("The map as lists") :]
    assert "Northamptonshire: Facilitator X" in tail
    assert "Oak Primary (lead school)" in tail and "With Harlow cluster: active" in tail


@pytest.mark.parametrize("n", [1, 10])
def test_the_map_reads_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    co_z = world.person("co_z")
    for i in range(n):
        cluster = ClusterFactory(host_la=world.la_z, name=f"Kent {i}")
        MembershipFactory(cluster=cluster, school=SchoolFactory(la=world.la_z), is_lead=True)
        partner = services.partner_create(actor=co_z, la=world.la_z, name=f"P{i}", sector="trust")
        services.partnership_create(actor=co_z, partner=partner, cluster=cluster, purpose="P")
    facilitator = person("kent_facilitator", Role.LA_OFFICER, la=world.la_y)
    from enquiries import services as enquiry_services

    enquiry_services.project_assign_facilitator(
        project=world.project_z, user=facilitator, actor=world.person("national")
    )
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, clusters, members, partnerships,
    # facilitations, the facilitators' LAs, notification count
    with django_assert_num_queries(11):
        response = c.get(la_url("la_map", world.la_z))
    assert len(response.context["data"].clusters) == n


# --- A cluster's page


def test_a_clusters_page_shows_what_concerns_it(world, as_):
    body = as_("member_a").get(reverse("brokerage:cluster_detail", args=[world.cluster_a.pk]))
    text = body.content.decode()
    assert "Asked Harlow&#x27;s heads why two schools stay out" in text
    assert "Harlow College" in text and "£1,500" in text and "Transition passports" in text
    assert "Development days for Oak" not in text  # the AIP's service, not Harlow's


@pytest.mark.parametrize("who", ["lead_a2", "school_contact", "outsider"])
def test_a_clusters_page_is_hidden_from_others(world, as_, who):
    assert (
        as_(who).get(reverse("brokerage:cluster_detail", args=[world.cluster_a.pk])).status_code
        == 404
    )


# --- Linked in


def test_the_menu_links_to_brokerage_for_those_who_see_some(world, as_):
    link = b'href="/brokerage/"'
    assert link in as_("co_x").get(reverse("home")).content
    assert link in as_("member_a").get(reverse("home")).content
    assert link not in as_("school_contact").get(reverse("home")).content


def test_the_la_page_links_to_its_brokerage_for_readers(world, as_):
    la_page = reverse("networks:la_detail", args=[world.la_x.code])
    assert la_url("la_dashboard", world.la_x).encode() in as_("facilitator_x").get(la_page).content
    assert la_url("la_dashboard", world.la_x).encode() not in as_("lead_a").get(la_page).content


def test_the_home_panel_shows_recent_brokerage_and_reviews_due(world, as_):
    services.activity_record(
        actor=world.person("co_x"),
        la=world.la_x,
        role="relationships",
        activity="build_trust",
        summary="Heads' residential",
        happened_on=DAY,
    )
    body = as_("officer_x").get(reverse("home")).content.decode()
    assert "Recent brokerage in your LAs" in body and "Heads&#x27; residential" in body
    assert "Impact reviews due" in body and "Development days for Oak" in body
    assert "Recent brokerage" not in as_("lead_a").get(reverse("home")).content.decode()


@pytest.mark.parametrize("n", [1, 10])
def test_a_clusters_page_reads_a_fixed_number_of_queries(
    world, client, n, django_assert_num_queries
):
    co_z = world.person("co_z")
    cluster = ClusterFactory(host_la=world.la_z, name="Kent network")
    school = SchoolFactory(la=world.la_z)
    MembershipFactory(cluster=cluster, school=school, is_lead=True)
    partner = services.partner_create(actor=co_z, la=world.la_z, name="P", sector="trust")
    for i in range(n):
        services.activity_record(
            actor=co_z,
            la=world.la_z,
            role="membership",
            activity="raise_awareness",
            summary=f"A{i}",
            happened_on=DAY,
            clusters=[cluster],
        )
        services.partnership_create(actor=co_z, partner=partner, cluster=cluster, purpose="P")
        services.resource_allocate(
            actor=co_z,
            la=world.la_z,
            cluster=cluster,
            source="lottery",
            amount=1,
            fund_holder="la",
            purpose="P",
            allocated_on=DAY,
        )
        services.service_commission(
            actor=co_z,
            la=world.la_z,
            cluster=cluster,
            provider=partner,
            title=f"S{i}",
            schools=[school],
            starts_on=DAY,
        )
        services.knowledge_exchange_record(
            actor=co_z,
            la=world.la_z,
            practice=f"K{i}",
            source_note="Elsewhere",
            target_clusters=[cluster],
            shared_on=DAY,
        )
    client.force_login(person("kent_member", Role.CLUSTER_MEMBER, cluster=cluster))
    # session, user, scope (+ facilitations), cluster, activities (+ their clusters),
    # partnerships, resources, services (+ their schools), exchanges (+ their targets),
    # notification count
    with django_assert_num_queries(14):
        response = client.get(reverse("brokerage:cluster_detail", args=[cluster.pk]))
    assert len(response.context["summary"]["activities"][0]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_partner_and_service_pages_read_a_fixed_number_of_queries(
    world, as_, n, django_assert_num_queries
):
    co_z = world.person("co_z")
    cluster = ClusterFactory(host_la=world.la_z, name="Kent network")
    schools = [SchoolFactory(la=world.la_z) for _ in range(n)]
    for school in schools:
        MembershipFactory(cluster=cluster, school=school)
    partner = services.partner_create(actor=co_z, la=world.la_z, name="P", sector="trust")
    for _ in range(n):
        services.partnership_create(actor=co_z, partner=partner, cluster=cluster, purpose="P")
    service = services.service_commission(
        actor=co_z,
        la=world.la_z,
        cluster=cluster,
        provider=partner,
        title="S",
        schools=schools,
        starts_on=DAY,
    )
    for _ in range(n):
        services.impact_review_record(
            actor=co_z, service=service, reviewed_on=DAY, findings="F", value_for_money="good"
        )
    c = as_("co_z")
    # session, user, scope (+ facilitations), partner (with LA), its partnerships,
    # notification count
    with django_assert_num_queries(7):
        c.get(reverse("brokerage:partner_detail", args=[partner.pk]))
    # session, user, scope (+ facilitations), service (with LA, network, provider), its
    # schools, its reviews, notification count
    with django_assert_num_queries(8):
        response = c.get(reverse("brokerage:service_detail", args=[service.pk]))
    assert response.content.decode().count('class="app-thread__item"') == n
