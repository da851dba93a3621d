"""Brokerage activities: the LA's list, its CSV, and recording one
(brokerage:activity_list, activity_csv, activity_create)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from brokerage import services
from brokerage.models import BrokerageActivity
from networks.models import AuditEntry
from tests.brokerage.conftest import date_fields, parse_csv
from tests.brokerage.factories import DAY

pytestmark = pytest.mark.django_db


def url(name, la):
    return reverse(f"brokerage:{name}", args=[la.code])


def test_it_lists_the_las_activities(world, as_):
    response = as_("facilitator_x").get(url("activity_list", world.la_x))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Asked Harlow&#x27;s heads why two schools stay out" in body
    assert "Network membership: Challenge network leaders on membership" in body
    assert "Corby heads" not in body  # Northamptonshire's
    assert "Record an activity" not in body  # a reader, not a recorder


def test_it_filters_by_role(world, as_):
    c = as_("co_x")
    body = c.get(url("activity_list", world.la_x), {"role": "relationships"}).content.decode()
    assert "No activities under this role yet." in body
    # An unknown role shows every role.
    body = c.get(url("activity_list", world.la_x), {"role": "nonsense"}).content.decode()
    assert "Asked Harlow" in body


@pytest.mark.parametrize("who", ["lead_a", "school_contact", "outsider"])
def test_it_hides_the_las_list_from_those_who_do_not_read_it(world, as_, who):
    assert as_(who).get(url("activity_list", world.la_x)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(world, client):
    response = client.get(url("activity_list", world.la_x))
    assert response.status_code == 302 and response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(world, as_):
    assert as_("co_x").post(url("activity_list", world.la_x)).status_code == 405


def grow(world, n):
    for i in range(n):
        services.activity_record(
            actor=world.person("co_z"),
            la=world.la_z,
            role="knowledge_exchange",
            activity="expertise_visible",
            summary=f"Showcase {i}",
            happened_on=DAY,
            clusters=[],
        )


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_in_a_fixed_number_of_queries(world, as_, n, django_assert_num_queries):
    grow(world, n)
    c = as_("co_z")
    # session, user, scope (+ facilitations), LA, page count, page rows, their clusters,
    # notification count
    with django_assert_num_queries(9):
        response = c.get(url("activity_list", world.la_z))
    assert len(response.context["page_obj"]) == n


def test_it_exports_every_activity_with_formulas_neutralised(world, as_):
    services.activity_record(
        actor=world.person("co_x"),
        la=world.la_x,
        role="partnerships",
        activity="other",
        summary='=HYPERLINK("http://evil.example")',
        happened_on=DAY,
        people="@everyone",
        clusters=[world.cluster_a],
        outcome="-1",
    )
    rows = parse_csv(as_("officer_x").get(url("activity_csv", world.la_x)))
    assert rows[0][:4] == ["Date", "Role", "Activity", "What happened"]
    evil = next(row for row in rows if "HYPERLINK" in row[3])
    assert evil[3].startswith("'=") and evil[4] == "'@everyone" and evil[6] == "'-1"
    assert evil[5] == "Harlow cluster" and evil[1] == "Partnerships beyond the network"
    assert len(rows) == 1 + BrokerageActivity.objects.filter(la=world.la_x).count()


def test_its_csv_is_for_readers_only(world, as_):
    assert as_("lead_a").get(url("activity_csv", world.la_x)).status_code == 404


# --- Recording


def posted(world, **overrides):
    data = {
        "activity": "relationships/action_planning",
        "summary": "Helped Braintree plan the spring term",
        **date_fields("happened_on", DAY),
        "people": "Braintree heads",
        "clusters": [str(world.cluster_a2.pk)],
        "outcome": "An action plan with three priorities.",
    }
    data.update(overrides)
    return data


def test_it_shows_the_form_to_recorders(world, as_):
    response = as_("officer_x").get(url("activity_create", world.la_x))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<optgroup label="Network membership">' in body
    assert "Other knowledge exchange work" in body
    assert "Harlow cluster" in body and "Corby cluster" not in body


@pytest.mark.parametrize(
    "who, status", [("national", 403), ("facilitator_x", 403), ("lead_a", 404)]
)
def test_it_refuses_the_form_to_others(world, as_, who, status):
    before = BrokerageActivity.objects.count()
    assert as_(who).get(url("activity_create", world.la_x)).status_code == status
    assert as_(who).post(url("activity_create", world.la_x), posted(world)).status_code == status
    assert BrokerageActivity.objects.count() == before


def test_it_records_an_activity(world, as_):
    response = as_("co_x").post(url("activity_create", world.la_x), posted(world), follow=True)
    assert response.redirect_chain[-1][0] == url("activity_list", world.la_x)
    assert "The activity is recorded." in response.content.decode()
    activity = BrokerageActivity.objects.get(summary="Helped Braintree plan the spring term")
    assert (activity.role, activity.activity) == ("relationships", "action_planning")
    assert list(activity.clusters.all()) == [world.cluster_a2]
    assert AuditEntry.objects.filter(action="brokerage.activity.recorded", la=world.la_x).exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"activity": ""}, "Choose the activity"),
        ({"activity": "relationships/gossip"}, "Choose one of the activities listed"),
        ({"summary": ""}, "Enter the summary of what happened"),
        ({"summary": "Two\nlines"}, "cannot contain line breaks"),
        ({"outcome": "Bell\x07"}, "cannot contain control characters"),
        ({"happened_on_0": "31", "happened_on_1": "2"}, "must be a real date"),
        ({"happened_on_2": "26"}, "must include 4 numbers"),
        ({"clusters": ["cluster-b"]}, "Choose from the clusters listed"),
        ({"clusters": ["999999"]}, "Choose from the clusters listed"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(world, as_, overrides, message):
    if overrides.get("clusters") == ["cluster-b"]:
        overrides["clusters"] = [str(world.cluster_b.pk)]  # Northamptonshire's
    before = (BrokerageActivity.objects.count(), AuditEntry.objects.count())
    response = as_("co_x").post(url("activity_create", world.la_x), posted(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (BrokerageActivity.objects.count(), AuditEntry.objects.count()) == before


def test_it_shows_the_services_refusal_on_the_form(world, as_):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = as_("co_x").post(
        url("activity_create", world.la_x), posted(world, **date_fields("happened_on", tomorrow))
    )
    assert "The date of the activity cannot be in the future." in response.content.decode()


def test_it_refuses_other_methods(world, as_):
    assert as_("co_x").put(url("activity_create", world.la_x)).status_code == 405
