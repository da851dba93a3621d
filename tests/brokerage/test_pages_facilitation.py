"""LA-to-LA facilitation visits and peer reviews, and knowledge exchange: lists, CSVs
and forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerage import services
from brokerage.models import FacilitationVisit, KnowledgeExchange, PeerReview
from enquiries import services as enquiry_services
from networks.models import AuditEntry
from tests.brokerage.conftest import date_fields, parse_csv
from tests.brokerage.factories import DAY
from tests.enquiries.factories import person

pytestmark = pytest.mark.django_db


def la_url(name, la):
    return reverse(f"brokerage:{name}", args=[la.code])


def project_url(name, project):
    return reverse(f"brokerage:{name}", args=[project.pk])


# --- Visits


def test_the_facilitator_sees_a_button_to_record_a_visit(world, as_):
    body = as_("facilitator_x").get(la_url("visit_list", world.la_x)).content.decode()
    assert "Record a visit to Essex learning project" in body
    assert "Meet the co-ordinating group" in body and "Facilitator X" in body
    assert (
        "Record a visit" not in as_("co_x").get(la_url("visit_list", world.la_x)).content.decode()
    )


def test_a_facilitator_records_a_visit(world, as_):
    data = {**date_fields("visited_on", DAY), "purpose": "Second surgery", "report": "Dates set."}
    response = as_("facilitator_x").post(project_url("visit_create", world.project_x), data)
    assert response.status_code == 302 and response["Location"] == la_url("visit_list", world.la_x)
    visit = FacilitationVisit.objects.get(purpose="Second surgery")
    assert visit.facilitator == world.facilitator_x and visit.la == world.la_x


def test_a_visit_report_must_be_short(world, as_):
    data = {**date_fields("visited_on", DAY), "purpose": "Long", "report": "x" * 2001}
    before = FacilitationVisit.objects.count()
    response = as_("facilitator_x").post(project_url("visit_create", world.project_x), data)
    assert "The report must be 2000 characters or fewer" in response.content.decode()
    assert FacilitationVisit.objects.count() == before


@pytest.mark.parametrize("who, status", [("co_x", 403), ("national", 403), ("lead_a", 404)])
def test_only_facilitators_record_visits(world, as_, who, status):
    assert as_(who).get(project_url("visit_create", world.project_x)).status_code == status


def test_a_facilitator_keeps_reading_their_visits_after_the_facilitation_ends(world, as_):
    facilitation = world.facilitator_x.facilitations.get()
    enquiry_services.facilitation_end(facilitation=facilitation, actor=world.person("national"))
    c = as_("facilitator_x")
    assert c.get(la_url("visit_list", world.la_x)).status_code == 404  # no longer reads Essex
    assert c.get(project_url("visit_create", world.project_x)).status_code == 404
    # ...but what they wrote is still theirs (the queryset says so; no page lists it yet).
    assert FacilitationVisit.objects.visible_to(world.person("facilitator_x")).count() == 1


def grow_visits(world, n):
    facilitator = person("kent_facilitator")
    from networks.models import Role
    from tests.factories import grant

    grant(facilitator, Role.LA_OFFICER, la=world.la_y)
    enquiry_services.project_assign_facilitator(
        project=world.project_z, user=facilitator, actor=world.person("national")
    )
    for i in range(n):
        services.visit_record(
            actor=facilitator, project=world.project_z, visited_on=DAY, purpose=f"V{i}", report="R"
        )
        services.peer_review_record(
            actor=world.person("co_z"),
            project=world.project_z,
            reviewed_on=DAY,
            reviewers="R",
            focus=f"F{i}",
            findings="F",
        )


@pytest.mark.parametrize("name", ["visit_list", "peer_review_list"])
@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_in_a_fixed_number_of_queries(world, as_, name, n, django_assert_num_queries):
    grow_visits(world, n)
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, the LA's projects,
    # notification count
    with django_assert_num_queries(9):
        response = c.get(la_url(name, world.la_z))
    assert len(response.context["page_obj"]) == n


def test_the_visits_csv_parses_back(world, as_):
    rows = parse_csv(as_("co_x").get(la_url("visit_csv", world.la_x)))
    assert rows == [
        ["Date", "Project", "Facilitator", "Purpose", "Report"],
        [
            DAY.isoformat(),
            "Essex learning project",
            "Facilitator X",
            "Meet the co-ordinating group",
            "Good energy; the enquiry plan needs dates.",
        ],
    ]


# --- Peer reviews


def test_a_peer_review_is_recorded_by_the_la_or_its_facilitators(world, as_):
    data = {
        **date_fields("reviewed_on", DAY),
        "reviewers": "=Officers of Bolton",
        "focus": "Feedback loops",
        "findings": "They close the loop.",
        "recommendations": "+ Keep going",
    }
    response = as_("facilitator_x").post(project_url("peer_review_create", world.project_x), data)
    assert response.status_code == 302
    assert PeerReview.objects.filter(focus="Feedback loops").exists()
    rows = parse_csv(as_("co_x").get(la_url("peer_review_csv", world.la_x)))
    row = next(r for r in rows if r[3] == "Feedback loops")
    assert row[2] == "'=Officers of Bolton" and row[5] == "'+ Keep going"


def test_the_national_team_reads_peer_reviews_but_does_not_record_them(world, as_):
    c = as_("national")
    assert (
        b"Is the enquiry question answerable?"
        in c.get(la_url("peer_review_list", world.la_x)).content
    )
    assert c.get(project_url("peer_review_create", world.project_x)).status_code == 403


def test_a_project_that_does_not_exist_is_not_found(world, as_):
    assert (
        as_("co_x").get(reverse("brokerage:peer_review_create", args=[999999])).status_code == 404
    )


# --- Knowledge exchange


def test_it_lists_exchanges_with_where_they_came_from_and_went(world, as_):
    body = as_("co_x").get(la_url("exchange_list", world.la_x)).content.decode()
    assert "Transition passports" in body
    assert "Harlow cluster (Essex)" in body and "Braintree cluster (Essex)" in body


def test_the_exchange_form_offers_the_networks_of_linked_las(world, as_):
    body = as_("co_x").get(la_url("exchange_create", world.la_x)).content.decode()
    # Northamptonshire: its officer facilitates Essex's project.
    assert "Corby cluster (Northamptonshire)" in body
    assert "Kent" not in body


def test_it_records_an_exchange_from_elsewhere(world, as_):
    data = {
        "practice": "Learning walks",
        "source_note": "A conference in Leeds",
        "target_clusters": [world.cluster_a.pk, world.cluster_b.pk],
        **date_fields("shared_on", DAY),
    }
    assert as_("officer_x").post(la_url("exchange_create", world.la_x), data).status_code == 302
    exchange = KnowledgeExchange.objects.get(practice="Learning walks")
    assert set(exchange.target_clusters.all()) == {world.cluster_a, world.cluster_b}
    # Corby's lead reads it: the practice went to Corby.
    assert exchange in KnowledgeExchange.objects.visible_to(world.person("lead_b"))


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"source_cluster": "", "source_note": ""}, "Say where the practice came from"),
        ({"target_clusters": []}, "Choose the networks the practice went to"),
        ({"target_clusters": ["a"]}, "cannot be where it came from and went to"),
        ({"source_note": "Line\nbreak", "source_cluster": ""}, "cannot contain line breaks"),
    ],
)
def test_it_refuses_a_bad_exchange(world, as_, overrides, message):
    if overrides.get("target_clusters") == ["a"]:
        overrides["target_clusters"] = [world.cluster_a.pk]
    data = {
        "practice": "Peer observation",
        "source_cluster": world.cluster_a.pk,
        "target_clusters": [world.cluster_a2.pk],
        **date_fields("shared_on", DAY),
        **overrides,
    }
    before = (KnowledgeExchange.objects.count(), AuditEntry.objects.count())
    response = as_("co_x").post(la_url("exchange_create", world.la_x), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert (KnowledgeExchange.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_exchanges_in_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    from tests.factories import ClusterFactory

    source, target = (ClusterFactory(host_la=world.la_z, name=f"K{i}") for i in range(2))
    for i in range(n):
        services.knowledge_exchange_record(
            actor=world.person("co_z"),
            la=world.la_z,
            practice=f"P{i}",
            source_cluster=source,
            target_clusters=[target],
            shared_on=DAY,
        )
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows (with sources),
    # their targets, notification count
    with django_assert_num_queries(9):
        response = c.get(la_url("exchange_list", world.la_z))
    assert len(response.context["page_obj"]) == n


def test_the_exchanges_csv_parses_back(world, as_):
    rows = parse_csv(as_("co_x").get(la_url("exchange_csv", world.la_x)))
    assert rows[1][:4] == [
        DAY.isoformat(),
        "Transition passports",
        "Harlow cluster (Essex)",
        "Braintree cluster (Essex)",
    ]
