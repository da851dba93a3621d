"""Partners and partnerships: the LA's lists and CSVs, a partner's page, adding a
partner, recording a partnership and changing its status."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerage import services
from brokerage.models import Partner, Partnership
from networks.models import AuditEntry
from tests.brokerage.conftest import date_fields, parse_csv

pytestmark = pytest.mark.django_db


def la_url(name, la):
    return reverse(f"brokerage:{name}", args=[la.code])


def test_it_lists_partners_with_their_partnerships_counted(world, as_):
    response = as_("co_x").get(la_url("partner_list", world.la_x))
    body = response.content.decode()
    assert "Harlow College" in body and "Learning Partners Ltd" in body
    rows = {p.name: (p.partnership_count, p.active_count) for p in response.context["page_obj"]}
    assert rows == {"Harlow College": (1, 1), "Learning Partners Ltd": (1, 1)}


def test_it_filters_partners_by_sector(world, as_):
    body = as_("co_x").get(la_url("partner_list", world.la_x), {"sector": "college"}).content
    assert b"Harlow College" in body and b"Learning Partners Ltd" not in body


@pytest.mark.parametrize("who", ["lead_a", "outsider"])
def test_it_hides_the_las_partners_from_non_readers(world, as_, who):
    assert as_(who).get(la_url("partner_list", world.la_x)).status_code == 404
    assert as_(who).get(la_url("partnership_list", world.la_x)).status_code == 404


def grow(world, n):
    co_z = world.person("co_z")
    cluster = world.la_z.clusters.create(name="Kent cluster")
    for i in range(n):
        partner = services.partner_create(
            actor=co_z, la=world.la_z, name=f"Org {i}", sector="health"
        )
        services.partnership_create(actor=co_z, partner=partner, cluster=cluster, purpose="P")


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_partners_in_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    grow(world, n)
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, notification count
    with django_assert_num_queries(8):
        response = c.get(la_url("partner_list", world.la_z))
    assert len(response.context["page_obj"]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_partnerships_in_a_fixed_number_of_queries(
    world, as_, n, django_assert_num_queries
):
    grow(world, n)
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, notification count
    with django_assert_num_queries(8):
        response = c.get(la_url("partnership_list", world.la_z))
    assert len(response.context["page_obj"]) == n


def test_the_csvs_parse_back_with_formulas_neutralised(world, as_):
    partner = services.partner_create(
        actor=world.person("co_x"), la=world.la_x, name="+Plus Consulting", sector="business"
    )
    services.partnership_create(
        actor=world.person("co_x"), partner=partner, project=world.project_x, purpose="=2+2"
    )
    c = as_("facilitator_x")
    partners = parse_csv(c.get(la_url("partner_csv", world.la_x)))
    assert partners[0] == [
        "Organisation",
        "Sector",
        "Contact",
        "Partnerships",
        "Active partnerships",
        "Notes",
    ]
    assert ["'+Plus Consulting", "Business", "", "1", "1", ""] in partners
    partnerships = parse_csv(c.get(la_url("partnership_csv", world.la_x)))
    row = next(r for r in partnerships if r[0] == "'+Plus Consulting")
    assert row[2] == "Essex learning project (LA project)" and row[3] == "'=2+2"
    assert len(partnerships) == 1 + Partnership.objects.filter(la=world.la_x).count()


# --- A partner's page


def detail(partner):
    return reverse("brokerage:partner_detail", args=[partner.pk])


def test_a_partners_page_shows_its_partnerships(world, as_):
    body = as_("co_x").get(detail(world.partner)).content.decode()
    assert "With Harlow cluster" in body and "Taster days for Year 9 pupils." in body
    assert "Record a partnership" in body and "Change status" in body


def test_cluster_people_see_the_partner_and_only_their_clusters_partnerships(world, as_):
    services.partnership_create(
        actor=world.person("co_x"),
        partner=world.partner,
        cluster=world.cluster_a2,
        purpose="Hidden",
    )
    response = as_("member_a").get(detail(world.partner))
    body = response.content.decode()
    assert response.status_code == 200
    assert "With Harlow cluster" in body and "Hidden" not in body
    assert "Record a partnership" not in body and "Change status" not in body


@pytest.mark.parametrize("who", ["lead_a2", "school_contact", "outsider"])
def test_a_partners_page_is_hidden_from_others(world, as_, who):
    # Braintree's lead: Learning Partners works with the AIP, not Braintree.
    assert as_(who).get(detail(world.provider)).status_code == 404


def test_a_partner_id_that_does_not_exist_is_not_found(world, as_):
    assert as_("co_x").get(reverse("brokerage:partner_detail", args=[999999])).status_code == 404


# --- Adding a partner


def test_it_adds_a_partner(world, as_):
    response = as_("officer_x").post(
        la_url("partner_create", world.la_x),
        {"name": "Essex Youth Service", "sector": "youth_service", "contact": "Jo, manager"},
    )
    partner = Partner.objects.get(name="Essex Youth Service")
    assert response.status_code == 302 and response["Location"] == partner.get_absolute_url()
    assert partner.recorded_by == world.officer_x


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "harlow college", "sector": "college"}, "already has a partner called"),
        ({"name": "", "sector": "college"}, "Enter the organisation&#x27;s name"),
        ({"name": "Tab\tName", "sector": "college"}, "cannot contain line breaks"),
        ({"name": "Fine", "sector": "unicorns"}, "Choose one of the sectors listed"),
        ({"name": "Nul\x00", "sector": "college"}, "cannot contain line breaks, tabs or other"),
    ],
)
def test_it_refuses_a_bad_partner(world, as_, data, message):
    before = (Partner.objects.count(), AuditEntry.objects.count())
    response = as_("co_x").post(la_url("partner_create", world.la_x), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert (Partner.objects.count(), AuditEntry.objects.count()) == before


def test_readers_cannot_add_partners(world, as_):
    assert as_("national").get(la_url("partner_create", world.la_x)).status_code == 403
    assert as_("lead_a").get(la_url("partner_create", world.la_x)).status_code == 404


# --- Partnerships


def test_the_partnership_form_offers_the_las_networks_aips_and_projects(world, as_):
    body = as_("co_x").get(reverse("brokerage:partnership_create", args=[world.partner.pk]))
    text = body.content.decode()
    assert '<optgroup label="Clusters">' in text
    assert '<optgroup label="Area improvement partnerships">' in text
    assert '<optgroup label="LA projects">' in text
    assert "Corby cluster" not in text


def test_it_records_a_partnership_with_an_aip(world, as_):
    data = {
        "target": f"cluster:{world.aip.pk}",
        "purpose": "Placements for trainee teachers",
        **date_fields("starts_on", world.activity.happened_on),
        "status": "proposed",
    }
    response = as_("co_x").post(
        reverse("brokerage:partnership_create", args=[world.partner.pk]), data
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(purpose="Placements for trainee teachers")
    assert partnership.cluster == world.aip and partnership.status == "proposed"


@pytest.mark.parametrize(
    "target, message",
    [
        ("cluster:b", "Choose one of the networks or projects listed"),
        ("project:y", "Choose one of the networks or projects listed"),
        ("cluster:abc", "Choose one of the networks or projects listed"),
        ("", "Choose the network or project the partnership is with"),
    ],
)
def test_it_refuses_a_partnership_with_something_not_offered(world, as_, target, message):
    target = target.replace(":b", f":{world.cluster_b.pk}").replace(":y", f":{world.project_y.pk}")
    before = Partnership.objects.count()
    response = as_("co_x").post(
        reverse("brokerage:partnership_create", args=[world.partner.pk]),
        {"target": target, "purpose": "X", "status": "active"},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert Partnership.objects.count() == before


def test_it_refuses_an_end_before_the_start(world, as_):
    from datetime import date

    data = {
        "target": f"cluster:{world.cluster_a.pk}",
        "purpose": "X",
        "status": "active",
        **date_fields("starts_on", date(2026, 2, 1)),
        **date_fields("ends_on", date(2026, 1, 1)),
    }
    response = as_("co_x").post(
        reverse("brokerage:partnership_create", args=[world.partner.pk]), data
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_it_ends_a_partnership(world, as_):
    status_url = reverse("brokerage:partnership_status", args=[world.partnership.pk])
    c = as_("co_x")
    assert c.get(status_url).status_code == 200
    response = c.post(status_url, {"status": "ended"}, follow=True)
    assert "The partnership is now ended." in response.content.decode()
    world.partnership.refresh_from_db()
    assert world.partnership.is_ended and world.partnership.ends_on is not None
    again = c.post(status_url, {"status": "ended"})
    assert "The partnership is already ended." in again.content.decode()


def test_cluster_people_may_not_change_a_partnership(world, as_):
    status_url = reverse("brokerage:partnership_status", args=[world.partnership.pk])
    assert as_("lead_a").post(status_url, {"status": "ended"}).status_code == 403
    world.partnership.refresh_from_db()
    assert world.partnership.status == "active"
