"""Resources brokered (with totals per network and source), commissioned services and
their impact reviews: lists, CSVs, forms and a service's page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from brokerage import services
from brokerage.models import CommissionedService, ImpactReview, ResourceAllocation
from networks.models import AuditEntry, Role
from tests.brokerage.conftest import date_fields, parse_csv
from tests.brokerage.factories import DAY
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def la_url(name, la):
    return reverse(f"brokerage:{name}", args=[la.code])


# --- Resources


def test_it_totals_resources_per_network_and_source(world, as_):
    services.resource_allocate(
        actor=world.person("co_x"),
        la=world.la_x,
        cluster=world.cluster_a,
        source="lottery",
        amount="499.50",
        facilitation_days="2",
        fund_holder="partner",
        purpose="Arts week",
        allocated_on=DAY,
    )
    response = as_("co_x").get(la_url("resource_list", world.la_x))
    totals = response.context["totals"]
    assert [(s.label, s.amount) for s in totals.sources] == [
        ("Standards Fund", Decimal("1500.00")),
        ("Lottery", Decimal("499.50")),
    ]
    [harlow] = totals.networks
    assert harlow.by_source_cells == [Decimal("1500.00"), Decimal("499.50")]
    assert (harlow.amount, harlow.days, totals.amount) == (
        Decimal("1999.50"),
        Decimal("2.0"),
        Decimal("1999.50"),
    )
    body = response.content.decode()
    assert "£1,999.50" in body and "2 days" in body and "Corby" not in body


def grow(world, n):
    cluster = ClusterFactory(name="Kent network", host_la=world.la_z)
    for i in range(n):
        services.resource_allocate(
            actor=world.person("co_z"),
            la=world.la_z,
            cluster=cluster,
            source=["lottery", "regeneration"][i % 2],
            amount=100 + i,
            fund_holder="la",
            purpose="P",
            allocated_on=DAY,
        )
    return cluster


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_resources_in_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    grow(world, n)
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, totals,
    # notification count
    with django_assert_num_queries(9):
        response = c.get(la_url("resource_list", world.la_z))
    assert len(response.context["page_obj"]) == n


def test_the_resources_csv_keeps_amounts_as_numbers(world, as_):
    rows = parse_csv(as_("co_x").get(la_url("resource_csv", world.la_x)))
    assert rows[0][:4] == ["Date", "Network", "Source", "Amount (£)"]
    assert [
        DAY.isoformat(),
        "Harlow cluster",
        "Standards Fund",
        "1500.00",
        "0.0",
        "The LA",
    ] == rows[1][:6]


@pytest.mark.parametrize(
    "amount, message",
    [
        ("£1,500.50", None),
        ("1,500.505", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("one hundred", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("-20", "The amount cannot be negative"),
        ("1e5", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("NaN", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("", "Enter an amount of money, facilitation time, or both"),
    ],
)
def test_it_reads_amounts_in_pounds_and_refuses_malformed_ones(world, as_, amount, message):
    data = {
        "cluster": world.cluster_a2.pk,
        "source": "regeneration",
        "amount": amount,
        "fund_holder": "la",
        "purpose": "Family learning",
        **date_fields("allocated_on", DAY),
    }
    before = (ResourceAllocation.objects.count(), AuditEntry.objects.count())
    response = as_("co_x").post(la_url("resource_create", world.la_x), data)
    if message is None:
        assert response.status_code == 302
        assert ResourceAllocation.objects.get(purpose="Family learning").amount == Decimal(
            "1500.50"
        )
    else:
        assert response.status_code == 200 and message in response.content.decode()
        assert (ResourceAllocation.objects.count(), AuditEntry.objects.count()) == before


def test_it_refuses_a_network_of_another_la(world, as_):
    data = {
        "cluster": world.cluster_b.pk,
        "source": "lottery",
        "amount": "10",
        "fund_holder": "la",
        "purpose": "X",
        **date_fields("allocated_on", DAY),
    }
    response = as_("co_x").post(la_url("resource_create", world.la_x), data)
    assert "Choose one of the networks listed" in response.content.decode()


def test_readers_may_not_record_resources(world, as_):
    assert as_("facilitator_x").get(la_url("resource_create", world.la_x)).status_code == 403


# --- Commissioned services


def test_it_lists_services_with_their_judgement_and_next_review(world, as_):
    body = as_("co_x").get(la_url("service_list", world.la_x)).content.decode()
    assert "Development days for Oak" in body and "Good value for money" in body
    assert "Harlow Area Improvement Partnership, from Learning Partners Ltd" in body


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_services_in_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    cluster = grow(world, 1)
    school = SchoolFactory(la=world.la_z, name="Kent Primary")
    MembershipFactory(cluster=cluster, school=school)
    provider = services.partner_create(
        actor=world.person("co_z"), la=world.la_z, name="Provider", sector="private_provider"
    )
    for i in range(n):
        services.service_commission(
            actor=world.person("co_z"),
            la=world.la_z,
            cluster=cluster,
            provider=provider,
            title=f"Service {i}",
            schools=[school],
            starts_on=DAY,
        )
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, their schools,
    # notification count
    with django_assert_num_queries(9):
        response = c.get(la_url("service_list", world.la_z))
    assert len(response.context["page_obj"]) == n


def test_the_services_csv_names_the_schools_safely(world, as_):
    MembershipFactory(
        cluster=world.aip, school=SchoolFactory(name="=Formula Academy", la=world.la_x)
    )
    services.service_commission(
        actor=world.person("co_x"),
        la=world.la_x,
        cluster=world.aip,
        provider=world.provider,
        title="Leadership coaching",
        schools=list(world.aip.schools.all()),
        starts_on=DAY,
        cost="1200",
    )
    rows = parse_csv(as_("co_x").get(la_url("service_csv", world.la_x)))
    row = next(r for r in rows if r[0] == "Leadership coaching")
    assert row[3] == "'=Formula Academy; Elm Primary; Oak Primary" and row[4] == "1200.00"


def test_the_service_form_first_asks_which_network(world, as_):
    c = as_("co_x")
    first = c.get(la_url("service_create", world.la_x))
    assert b"Network commissioning the service" in first.content
    bad = c.get(la_url("service_create", world.la_x), {"cluster": world.cluster_b.pk})
    assert b"Choose one of the networks listed" in bad.content
    second = c.get(la_url("service_create", world.la_x), {"cluster": world.aip.pk})
    body = second.content.decode()
    assert "Oak Primary" in body and "Elm Primary" in body and "For which schools" in body


def service_post(world, **overrides):
    data = {
        "provider": world.provider.pk,
        "title": "Achievement teams",
        "schools": [world.school_elm.pk],
        "cost": "£2,000",
        **date_fields("starts_on", DAY),
        **date_fields("next_review_on", dt.date(2026, 9, 1)),
    }
    data.update(overrides)
    return data


def test_it_records_a_commissioned_service(world, as_):
    create = la_url("service_create", world.la_x) + f"?cluster={world.aip.pk}"
    response = as_("co_x").post(create, service_post(world))
    service = CommissionedService.objects.get(title="Achievement teams")
    assert response.status_code == 302 and response["Location"] == service.get_absolute_url()
    assert list(service.schools.all()) == [world.school_elm] and service.cost == 2000


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"schools": []}, "Choose the schools the service is for"),
        ({"schools": ["stranger"]}, "Choose from the schools listed"),
        ({"provider": "other"}, "Choose one of the providers listed"),
        ({"cost": "12.3.4"}, "Enter the cost in pounds"),
        ({"title": ""}, "Enter the description of what was commissioned"),
    ],
)
def test_it_refuses_a_bad_service_and_saves_nothing(world, as_, overrides, message):
    if overrides.get("schools") == ["stranger"]:
        overrides["schools"] = [SchoolFactory(la=world.la_x).pk]
    if overrides.get("provider") == "other":
        overrides["provider"] = services.partner_create(
            actor=world.person("co_y"), la=world.la_y, name="Other", sector="business"
        ).pk
    create = la_url("service_create", world.la_x) + f"?cluster={world.aip.pk}"
    before = CommissionedService.objects.count()
    response = as_("co_x").post(create, service_post(world, **overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert CommissionedService.objects.count() == before


def test_a_services_page_shows_its_reviews(world, as_, client):
    url = reverse("brokerage:service_detail", args=[world.service.pk])
    client.force_login(person("aip_member", Role.CLUSTER_MEMBER, cluster=world.aip))
    body = client.get(url).content.decode()
    assert "Staff say the coaching changed their planning." in body
    assert "Record an impact review" not in body  # the AIP's people read, do not review
    assert "Record an impact review" in as_("co_x").get(url).content.decode()
    # Harlow's lead: the AIP commissioned it, not Harlow.
    assert as_("lead_a").get(url).status_code == 404


def test_it_records_an_impact_review(world, as_):
    url = reverse("brokerage:impact_review_create", args=[world.service.pk])
    data = {
        **date_fields("reviewed_on", DAY),
        "findings": "Pupils' writing improved in both schools.",
        "value_for_money": "adequate",
        **date_fields("next_review_on", dt.date(2026, 12, 1)),
    }
    response = as_("officer_x").post(url, data, follow=True)
    assert "The impact review is recorded." in response.content.decode()
    world.service.refresh_from_db()
    assert world.service.value_for_money == "adequate"
    assert world.service.next_review_on == dt.date(2026, 12, 1)


def test_it_refuses_a_review_without_a_judgement(world, as_):
    url = reverse("brokerage:impact_review_create", args=[world.service.pk])
    before = ImpactReview.objects.count()
    response = as_("co_x").post(url, {**date_fields("reviewed_on", DAY), "findings": "Fine"})
    assert "Choose a value-for-money judgement" in response.content.decode()
    assert ImpactReview.objects.count() == before
