"""The plans' share of "My work" (templates/enquiries/_plan_work.html on the home page):
feedback loops waiting for the person's cluster, and their plan items overdue or due
within a week."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries.models import PlanItem
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import add_item, add_loop

pytestmark = pytest.mark.django_db
URL = reverse("home")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def plans_of(response):
    """The enquiries panel's PlanWork (each panel has its own `work`)."""
    return next(p.work.plans for p in response.context["panels"] if hasattr(p.work, "plans"))


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def test_it_shows_a_lead_the_loops_waiting_for_their_clusters_answers(client, world):
    loop = add_loop(world, opens_on=days(0), closes_on=days(5))
    add_loop(world, title="Not yet open", opens_on=days(2), closes_on=days(9))
    body = as_(client, world, "lead_a").get(URL).content.decode()
    assert "Feedback loops waiting for your cluster's answers" in body
    assert reverse("enquiries:feedback_response", args=[loop.pk, world.part_a.pk]) in body
    assert "Not yet open" not in body
    # Answered: no longer waiting.
    client.post(
        reverse("enquiries:feedback_response", args=[loop.pk, world.part_a.pk]),
        {f"answer_{p.pk}": "Done" for p in loop.prompts.all()},
    )
    body = client.get(URL).content.decode()
    assert "Feedback loops waiting" not in body
    # Another lead's page does not show Harlow's loop as theirs done.
    assert "Feedback loops waiting" in as_(client, world, "lead_a2").get(URL).content.decode()


def test_it_shows_the_owners_items_overdue_or_due_within_a_week(client, world):
    lead = world.person("lead_a")
    add_item(world, title="Late one", owner=lead, starts_on=days(-20), due_on=days(-1))
    add_item(world, title="Due soon", owner=lead, starts_on=days(-5), due_on=days(7))
    add_item(world, title="Later", owner=lead, starts_on=days(-5), due_on=days(8))
    add_item(
        world, title="Done late", owner=lead, starts_on=days(-9), due_on=days(-2), status="done"
    )
    add_item(
        world, title="Someone else's", owner=world.person("co_x"), starts_on=days(0), due_on=days(1)
    )
    response = as_(client, world, "lead_a").get(URL)
    work = plans_of(response)
    assert [item.title for item in work.items_due] == ["Late one", "Due soon"]
    body = response.content.decode()
    assert "Your plan items due soon or overdue" in body
    assert body.index("Late one") < body.index("Overdue") < body.index("Due soon")


def test_it_says_when_the_plans_need_nothing(client, world):
    body = as_(client, world, "co_x").get(URL).content.decode()
    assert "No plan items or feedback loops need you just now." in body


def test_it_lists_a_few_and_says_there_are_more(client, world):
    lead = world.person("lead_a")
    for n in range(7):
        add_item(world, title=f"Item {n}", owner=lead, starts_on=days(-3), due_on=days(n))
    work = plans_of(as_(client, world, "lead_a").get(URL))
    assert len(work.items_due) == 5 and work.more_items
    assert not PlanItem.objects.filter(owner=lead).overdue(timezone.localdate()).exists()


@pytest.mark.parametrize("rows", [1, 10])
def test_a_leads_home_in_constant_queries(client, world, django_assert_num_queries, rows):
    lead = world.person("lead_a")
    for n in range(rows):
        add_loop(world, title=f"Loop {n}", opens_on=days(0), closes_on=days(5))
        add_item(world, title=f"Item {n}", owner=lead, starts_on=days(-3), due_on=days(1))
    c = as_(client, world, "lead_a")
    # session, user, roles, facilitations; the register's panel: clusters, invitations;
    # the enquiry panel: their questions, awaiting review; the plans: loops waiting for
    # their clusters, their items due; where they take part: their clusters' projects
    # and those projects' questions; membership proposals they made; reflective logs:
    # the projects they take part in, the entries they wrote this period, the archive's
    # newest additions; meetings: their cluster roles, notes to check, their meetings
    # this week; notification count
    with django_assert_num_queries(20):
        response = c.get(URL)
    plans = plans_of(response)
    assert len(plans.loops_waiting) == min(rows, 5) and len(plans.items_due) == min(rows, 5)
