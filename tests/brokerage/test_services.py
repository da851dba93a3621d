"""Every brokerage service: what it saves, who may call it, and bad input refused with
a readable message and nothing changed. (Their audit entries: tests/audit/cases_brokerage.py.)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from brokerage import services
from brokerage.models import (
    BrokerageActivity,
    CommissionedService,
    FacilitationVisit,
    ImpactReview,
    KnowledgeExchange,
    Partner,
    Partnership,
    PeerReview,
    ResourceAllocation,
)
from brokerage.services import BrokerageError
from networks.models import AuditEntry
from tests.brokerage.factories import DAY, REVIEW_DUE, shared_brokerage_world
from tests.factories import ClusterFactory, LocalAuthorityFactory, SchoolFactory

pytestmark = pytest.mark.django_db

ALL = (
    BrokerageActivity,
    Partner,
    Partnership,
    ResourceAllocation,
    CommissionedService,
    ImpactReview,
    FacilitationVisit,
    PeerReview,
    KnowledgeExchange,
    AuditEntry,
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_brokerage_world(django_db_blocker)


def counts():
    return {model.__name__: model.objects.count() for model in ALL}


def refused(call, message=None, error=BrokerageError):
    """`call` raises `error` (with `message` in it) and changes nothing."""
    before = counts()
    with pytest.raises(error) as raised:
        call()
    assert counts() == before
    if message:
        assert message in str(raised.value)


# --- Activities ---------------------------------------------------------------


def record_activity(w, actor="co_x", **overrides):
    fields = {
        "la": w.la_x,
        "role": "relationships",
        "activity": "train_facilitators",
        "summary": "  Trained   two heads as facilitators ",
        "happened_on": DAY,
        "people": "Two heads\r\nthe consultant",
        "clusters": [w.cluster_a, w.cluster_a2],
        "outcome": "Both now run their cluster's meetings.",
    }
    fields.update(overrides)
    return services.activity_record(actor=w.person(actor), **fields)


def test_it_records_an_activity(world):
    activity = record_activity(world, actor="officer_x")
    assert activity.summary == "Trained two heads as facilitators"
    assert activity.people == "Two heads\nthe consultant"
    assert activity.activity_label == "Train facilitators"
    assert set(activity.clusters.all()) == {world.cluster_a, world.cluster_a2}
    assert activity.recorded_by == world.officer_x and activity.la == world.la_x


def test_it_takes_other_under_any_role(world):
    activity = record_activity(world, role="resources", activity="other", clusters=[])
    assert activity.activity_label == "Other"


@pytest.mark.parametrize(
    "who", ["national", "facilitator_x", "lead_a", "member_a", "school_contact", "outsider"]
)
def test_only_the_las_recorders_record_an_activity(world, who):
    refused(lambda: record_activity(world, actor=who), error=PermissionDenied)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"activity": "build_trust"}, "Choose one of the activities listed"),  # not membership's
        ({"role": "gossip", "activity": "other"}, "Choose one of the activities listed"),
        ({"summary": "  "}, "Enter the summary of what happened"),
        ({"summary": "A\nB"}, "cannot contain line breaks"),
        ({"summary": "x" * 201}, "200 characters or fewer"),
        ({"outcome": "Fine\x00"}, "cannot contain control characters"),
        ({"people": "Esc\x1b[31m"}, "cannot contain control characters"),
        ({"happened_on": None}, "Enter the date of the activity"),
        ({"happened_on": "2025-01-01"}, "must be a real date"),
        ({"happened_on": dt.date(1989, 12, 31)}, "1990 or later"),
    ],
)
def test_it_refuses_a_bad_activity(world, overrides, message):
    overrides.setdefault("role", "membership")
    overrides.setdefault("activity", "raise_awareness")
    refused(lambda: record_activity(world, **overrides), message)


def test_it_refuses_an_activity_in_the_future(world):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused(lambda: record_activity(world, happened_on=tomorrow), "cannot be in the future")


def test_it_refuses_another_las_cluster(world):
    refused(
        lambda: record_activity(world, clusters=[world.cluster_a, world.cluster_b]),
        "Choose one of Essex's clusters",
    )


# --- Partners and partnerships -------------------------------------------------------


def test_it_adds_a_partner_once_per_la_whatever_the_case(world):
    partner = services.partner_create(
        actor=world.person("co_x"), la=world.la_x, name=" Essex  Police ", sector="police"
    )
    assert partner.name == "Essex Police"
    refused(
        lambda: services.partner_create(
            actor=world.person("officer_x"), la=world.la_x, name="essex police", sector="police"
        ),
        "Essex already has a partner called “essex police”",
    )
    # Another LA may know an organisation of the same name.
    services.partner_create(
        actor=world.person("co_y"), la=world.la_y, name="Essex Police", sector="police"
    )


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "", "sector": "health"}, "Enter the organisation's name"),
        ({"name": "Bad\tName", "sector": "health"}, "cannot contain line breaks"),
        ({"name": "Harlow Hospice", "sector": "astrology"}, "Choose a sector from the list"),
    ],
)
def test_it_refuses_a_bad_partner(world, fields, message):
    refused(
        lambda: services.partner_create(actor=world.person("co_x"), la=world.la_x, **fields),
        message,
    )


def test_a_reader_cannot_add_a_partner(world):
    refused(
        lambda: services.partner_create(
            actor=world.person("facilitator_x"), la=world.la_x, name="X", sector="health"
        ),
        error=PermissionDenied,
    )


def test_it_links_a_partner_to_a_network_or_a_project(world):
    with_project = services.partnership_create(
        actor=world.person("co_x"),
        partner=world.partner,
        project=world.project_x,
        purpose="Careers talks",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 7, 31),
        status="proposed",
    )
    assert with_project.with_label == "Essex learning project (LA project)"
    assert world.aip_partnership.with_label == (
        "Harlow Area Improvement Partnership (area improvement partnership)"
    )


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "Choose one network or project"),
        ({"cluster": "a", "project": "x"}, "Choose one network or project"),
        ({"cluster": "b"}, "Choose one of Essex's networks"),
        ({"project": "y"}, "Choose one of Essex's projects"),
        ({"cluster": "a", "purpose": ""}, "Enter the purpose"),
        (
            {"cluster": "a", "starts_on": dt.date(2026, 2, 1), "ends_on": dt.date(2026, 1, 1)},
            "same as or after the start date",
        ),
        ({"cluster": "a", "status": "married"}, "Choose a status from the list"),
    ],
)
def test_it_refuses_a_bad_partnership(world, fields, message):
    things = {
        "a": world.cluster_a,
        "b": world.cluster_b,
        "x": world.project_x,
        "y": world.project_y,
    }
    for key in ("cluster", "project"):
        if key in fields:
            fields[key] = things[fields[key]]
    fields.setdefault("purpose", "Mentoring")
    refused(
        lambda: services.partnership_create(
            actor=world.person("co_x"), partner=world.partner, **fields
        ),
        message,
    )


def test_only_recorders_change_a_partnership(world):
    for who in ("lead_a", "national", "outsider"):
        refused(
            lambda who=who: services.partnership_set_status(
                actor=world.person(who), partnership=world.partnership, status="ended"
            ),
            error=PermissionDenied,
        )


def test_ending_a_partnership_dates_it(world):
    partnership = services.partnership_set_status(
        actor=world.person("officer_x"), partnership=world.partnership, status="ended"
    )
    assert partnership.is_ended and partnership.ends_on == timezone.localdate()
    refused(
        lambda: services.partnership_set_status(
            actor=world.person("co_x"), partnership=partnership, status="ended"
        ),
        "already ended",
    )
    paused = services.partnership_set_status(
        actor=world.person("co_x"),
        partnership=world.aip_partnership,
        status="paused",
        ends_on=dt.date(2026, 3, 31),
    )
    assert (paused.status, paused.ends_on) == ("paused", dt.date(2026, 3, 31))


# --- Resources, services and impact reviews ------------------------------------------


def allocate(w, actor="co_x", **overrides):
    fields = {
        "la": w.la_x,
        "cluster": w.cluster_a2,
        "source": "inclusion_sen",
        "amount": "2500.5",
        "facilitation_days": "1.5",
        "fund_holder": "school",
        "fund_holder_name": "Oak Primary",
        "purpose": "A shared SENCo for a term",
        "allocated_on": DAY,
    }
    fields.update(overrides)
    return services.resource_allocate(actor=w.person(actor), **fields)


def test_it_records_money_and_time_for_a_network(world):
    allocation = allocate(world)
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("2500.50")
    assert allocation.facilitation_days == Decimal("1.5")
    time_only = allocate(world, amount=None, facilitation_days="3")
    assert time_only.amount == 0 and time_only.facilitation_days == 3


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"amount": "£1,500"}, "as a number of pounds"),
        ({"amount": "abc"}, "as a number of pounds"),
        ({"amount": "NaN"}, "as a number of pounds"),
        ({"amount": "Infinity"}, "as a number of pounds"),
        ({"amount": "-5"}, "cannot be negative"),
        ({"amount": "10.005"}, "at most two decimal places"),
        ({"amount": "1e12"}, "less than £10,000,000,000"),
        ({"amount": "0", "facilitation_days": "0"}, "money, facilitation time, or both"),
        ({"facilitation_days": "-1"}, "number of days"),
        ({"facilitation_days": "1.25"}, "nearest tenth of a day"),
        ({"source": "piggy_bank"}, "Choose a source of funding from the list"),
        ({"fund_holder": "nobody"}, "Choose a fund-holder from the list"),
        ({"cluster": "b"}, "Choose one of Essex's networks"),
        ({"purpose": "\u2028"}, "cannot contain control characters"),
    ],
)
def test_it_refuses_bad_resources(world, overrides, message):
    if overrides.get("cluster") == "b":
        overrides["cluster"] = world.cluster_b
    refused(lambda: allocate(world, **overrides), message)


def commission(w, **overrides):
    fields = {
        "la": w.la_x,
        "cluster": w.aip,
        "provider": w.provider,
        "title": "Achievement team training",
        "schools": [w.school_oak, w.school_elm],
        "cost": Decimal("9000"),
        "starts_on": dt.date(2026, 1, 5),
        "next_review_on": dt.date(2026, 4, 1),
    }
    fields.update(overrides)
    return services.service_commission(actor=w.person("co_x"), **fields)


def test_it_records_a_commissioned_service_for_the_networks_schools(world):
    service = commission(world)
    assert set(service.schools.all()) == {world.school_oak, world.school_elm}
    assert service.value_for_money == ""


def test_it_refuses_a_service_for_schools_outside_the_network(world):
    stranger = SchoolFactory(name="Stranger Primary", la=world.la_x)
    refused(
        lambda: commission(world, schools=[world.school_oak, stranger]),
        "Stranger Primary is not a member of Harlow Area Improvement Partnership now",
    )
    refused(lambda: commission(world, schools=[]), "Choose the schools the service is for")


def test_it_refuses_another_las_provider_or_network(world):
    northants_partner = services.partner_create(
        actor=world.person("co_y"), la=world.la_y, name="Corby Coaching", sector="private_provider"
    )
    refused(lambda: commission(world, provider=northants_partner), "Choose one of Essex's partners")
    refused(lambda: commission(world, cluster=world.cluster_b), "Choose one of Essex's networks")


def test_an_impact_review_gives_the_service_its_judgement_and_next_date(world):
    service = CommissionedService.objects.get(pk=world.service.pk)
    assert (service.value_for_money, service.next_review_on) == ("good", REVIEW_DUE)
    services.impact_review_record(
        actor=world.person("officer_x"),
        service=service,
        reviewed_on=DAY,
        findings="Less impact in the second term.",
        value_for_money="poor",
    )
    service.refresh_from_db()
    assert (service.value_for_money, service.next_review_on) == ("poor", None)
    assert service.impact_reviews.count() == 2


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"value_for_money": "priceless"}, "Choose a value-for-money judgement"),
        ({"findings": ""}, "Enter the impact found"),
        ({"next_review_on": DAY}, "The next review must come after this one"),
    ],
)
def test_it_refuses_a_bad_impact_review(world, overrides, message):
    fields = {"reviewed_on": DAY, "findings": "Fine", "value_for_money": "good", **overrides}
    refused(
        lambda: services.impact_review_record(
            actor=world.person("co_x"), service=world.service, **fields
        ),
        message,
    )


def test_cluster_people_read_a_service_but_do_not_review_it(world):
    refused(
        lambda: services.impact_review_record(
            actor=world.person("lead_a"),
            service=world.service,
            reviewed_on=DAY,
            findings="Great",
            value_for_money="good",
        ),
        error=PermissionDenied,
    )


# --- LA-to-LA facilitation -----------------------------------------------------------


def visit(w, actor, **overrides):
    fields = {"project": w.project_x, "visited_on": DAY, "purpose": "Surgery", "report": "Short."}
    fields.update(overrides)
    return services.visit_record(actor=w.person(actor), **fields)


def test_a_facilitator_records_their_own_visit(world):
    made = visit(world, "facilitator_x")
    assert made.facilitator == world.facilitator_x and made.la == world.la_x


def test_staff_record_a_visit_for_a_facilitator_but_not_for_anyone_else(world):
    made = visit(world, "staff", facilitator=world.facilitator_x)
    assert made.facilitator == world.facilitator_x and made.recorded_by == world.staff
    refused(lambda: visit(world, "staff"), "does not facilitate Essex's project now")


@pytest.mark.parametrize("who", ["co_x", "officer_x", "national", "lead_a", "outsider"])
def test_only_the_projects_facilitators_record_visits(world, who):
    refused(lambda: visit(world, who), error=PermissionDenied)


def test_a_facilitator_records_only_their_own_visits(world):
    refused(
        lambda: visit(world, "facilitator_x", facilitator=world.officer_x_facilitating_y),
        "Record your own visits",
    )


def test_an_ended_facilitation_records_no_more_visits(world):
    from enquiries.models import Facilitation

    Facilitation.objects.filter(user=world.facilitator_x).update(ended_on=DAY)
    refused(lambda: visit(world, "facilitator_x"), error=PermissionDenied)


def test_it_refuses_a_long_report(world):
    refused(lambda: visit(world, "facilitator_x", report="x" * 2001), "2000 characters or fewer")


@pytest.mark.parametrize("who", ["co_x", "officer_x", "facilitator_x", "staff"])
def test_the_la_and_its_facilitators_record_peer_reviews(world, who):
    review = services.peer_review_record(
        actor=world.person(who),
        project=world.project_x,
        reviewed_on=DAY,
        reviewers="Officers of Kirklees and Bolton",
        focus="Feedback loops",
        findings="They work.",
    )
    assert review.la == world.la_x


@pytest.mark.parametrize("who", ["national", "lead_a", "co_y", "outsider"])
def test_others_do_not_record_peer_reviews(world, who):
    refused(
        lambda: services.peer_review_record(
            actor=world.person(who),
            project=world.project_x,
            reviewed_on=DAY,
            reviewers="Someone",
            focus="Anything",
            findings="Something",
        ),
        error=PermissionDenied,
    )


# --- Knowledge exchange ---------------------------------------------------------------


def exchange(w, actor="co_x", **overrides):
    fields = {
        "la": w.la_x,
        "practice": "Pupil-led learning walks",
        "source_cluster": w.cluster_a2,
        "target_clusters": [w.cluster_a],
        "shared_on": DAY,
    }
    fields.update(overrides)
    return services.knowledge_exchange_record(actor=w.person(actor), **fields)


def test_practice_moves_between_las_that_facilitate_each_other(world):
    # Northamptonshire's officer facilitates Essex's project: its networks may be named.
    made = exchange(
        world, source_cluster=world.cluster_b, target_clusters=[world.cluster_a, world.aip]
    )
    assert made.source_label == "Corby cluster"
    described = exchange(world, source_cluster=None, source_note="A conference in Leeds")
    assert described.source_label == "A conference in Leeds"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"target_clusters": []}, "Choose the networks the practice went to"),
        ({"source_cluster": None}, "Say where the practice came from"),
        ({"target_clusters": ["a2"]}, "cannot be where the practice came from and went to"),
        ({"target_clusters": ["far"]}, "Choose networks of Essex or of the LAs it works with"),
        ({"source_cluster": "far"}, "Choose networks of Essex or of the LAs it works with"),
        ({"practice": ""}, "Enter the practice"),
    ],
)
def test_it_refuses_a_bad_exchange(world, overrides, message):
    far = ClusterFactory(name="Putney cluster", host_la=LocalAuthorityFactory(code="213"))
    named = {"a2": world.cluster_a2, "far": far}
    if "target_clusters" in overrides:
        overrides["target_clusters"] = [named[key] for key in overrides["target_clusters"]]
    if overrides.get("source_cluster") == "far":
        overrides["source_cluster"] = far
    refused(lambda: exchange(world, **overrides), message)
