"""Plan item pages: adding one (enquiries:plan_item_create), its page
(enquiries:plan_item_detail), changing it (enquiries:plan_item_edit); and milestones
(enquiries:milestone_create, enquiries:milestone_delete)."""

import datetime as dt

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Milestone, PlanItem
from networks.models import AuditEntry
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import add_item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def create_url(world):
    return reverse("enquiries:plan_item_create", args=[world.project_x.pk])


def form(**overrides):
    data = {
        "plan": "project",
        "strand": "activity",
        "level": "mini_macro",
        "title": "Launch conference",
        "description": "All eight clusters, with the link advisers.",
        "cluster": "",
        "owner": "",
        "starts_on_0": "1",
        "starts_on_1": "9",
        "starts_on_2": "2026",
        "due_on_0": "30",
        "due_on_1": "9",
        "due_on_2": "2026",
        "status": "not_started",
    }
    data.update(overrides)
    return data


# --- Adding ---------------------------------------------------------------------------


def test_a_coleader_adds_an_item_and_goes_back_to_the_timeline(client, world):
    response = as_(client, world, "co_x").post(create_url(world), form(owner=str(world.lead_a.pk)))
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:plan_timeline", args=[world.project_x.pk])
    item = PlanItem.objects.get()
    assert (item.title, item.owner, item.starts_on, item.due_on) == (
        "Launch conference",
        world.lead_a,
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 30),
    )


def test_the_form_offers_a_cluster_lead_only_their_clusters(client, world):
    response = as_(client, world, "lead_a").get(create_url(world))
    choices = dict(response.context["form"].fields["cluster"].choices)
    assert choices == {world.part_a.pk: "Harlow cluster"}
    response = client.post(create_url(world), form(cluster=str(world.part_a2.pk)))
    assert response.status_code == 200
    assert "Choose one of the clusters listed" in response.content.decode()
    response = client.post(create_url(world), form(cluster=""))
    assert "Choose the cluster it is for" in response.content.decode()
    assert not PlanItem.objects.exists()
    client.post(create_url(world), form(cluster=str(world.part_a.pk), level="micro"))
    assert PlanItem.objects.get().cluster_participation == world.part_a


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "Enter a title for the item"),
        ({"title": "Line\nbreak"}, "cannot contain line breaks"),
        ({"strand": ""}, "Choose its strand"),
        ({"due_on_0": "31", "due_on_1": "8"}, "The due date must be the same as or after"),
        ({"due_on_0": "31", "due_on_1": "2"}, "The due date must be a real date"),
        ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "Enter the start date"),
        ({"owner": "999999"}, "Choose one of the people listed"),
        ({"needs": ["999999"]}, "Choose from the items listed"),
        ({"status": "abandoned"}, "Choose one of the statuses listed"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(client, world, overrides, message):
    add_item(world, title="Something to depend on")
    response = as_(client, world, "co_x").post(create_url(world), form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PlanItem.objects.count() == 1


def test_an_owner_from_outside_the_project_is_not_offered(client, world):
    response = as_(client, world, "co_x").get(create_url(world))
    people = dict(response.context["form"].fields["owner"].choices)
    assert world.lead_a.pk in people and world.school_contact.pk in people
    assert world.lead_b.pk not in people and world.outsider.pk not in people


@pytest.mark.parametrize("name, status", [("officer_x_facilitating_y", 403), ("outsider", 404)])
def test_readers_and_outsiders_cannot_add(client, world, name, status):
    assert as_(client, world, name).get(create_url(world)).status_code == status
    assert client.post(create_url(world), form()).status_code == status
    assert not PlanItem.objects.exists()


# --- Its page and changing it ------------------------------------------------------


def test_an_items_page_shows_its_details_dependencies_and_milestones(client, world):
    first = add_item(world, title="Book the venue", status="done")
    item = add_item(
        world,
        title="Hold the conference",
        needs=[first],
        due_on=dt.date(2020, 1, 1),
        starts_on=dt.date(2019, 12, 1),
    )
    services.milestone_create(
        actor=world.person("co_x"),
        project=world.project_x,
        title="Conference day",
        on=dt.date(2019, 12, 15),
        item=item,
    )
    body = as_(client, world, "school_contact").get(item.get_absolute_url()).content.decode()
    assert "Hold the conference" in body and "Book the venue" in body
    assert "This item is overdue" in body and "Conference day" in body
    assert "Change this item" not in body
    body = as_(client, world, "co_x").get(first.get_absolute_url()).content.decode()
    assert "Hold the conference" in body  # waited for by
    assert "Change this item" in body


def test_a_cluster_lead_changes_their_clusters_item(client, world):
    item = add_item(world, cluster_participation=world.part_a, level="micro")
    edit = reverse("enquiries:plan_item_edit", args=[item.pk])
    response = as_(client, world, "lead_a").get(edit)
    assert response.context["form"].initial["cluster"] == world.part_a.pk
    data = form(cluster=str(world.part_a.pk), level="micro", status="in_progress")
    response = client.post(edit, data)
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert PlanItem.objects.get(pk=item.pk).status == "in_progress"
    assert AuditEntry.objects.filter(action="enquiries.plan_item.changed").exists()


def test_a_cycle_is_explained_on_the_form(client, world):
    a = add_item(world, title="A")
    b = add_item(world, title="B", needs=[a])
    edit = reverse("enquiries:plan_item_edit", args=[a.pk])
    response = as_(client, world, "co_x").post(edit, form(title="A", needs=[str(b.pk)]))
    assert response.status_code == 200
    assert "“A” cannot depend on “B”, because “B” needs “A” already" in (
        response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert not a.needs.exists()


@pytest.mark.parametrize(
    "name, status", [("lead_a2", 403), ("officer_x_facilitating_y", 403), ("outsider", 404)]
)
def test_others_cannot_change_a_clusters_item(client, world, name, status):
    item = add_item(world, cluster_participation=world.part_a)
    edit = reverse("enquiries:plan_item_edit", args=[item.pk])
    assert as_(client, world, name).get(edit).status_code == status
    assert client.post(edit, form(title="Hijacked")).status_code == status
    assert PlanItem.objects.get(pk=item.pk).title == "Run the launch conference"


def test_a_foreign_or_bad_id_is_404(client, world):
    c = as_(client, world, "co_x")
    assert c.get(reverse("enquiries:plan_item_detail", args=[999999])).status_code == 404
    other = add_item(world, "co_y", project=world.project_y)
    assert c.get(other.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("needs", [0, 10])
def test_the_item_page_in_constant_queries(client, world, django_assert_num_queries, needs):
    prerequisites = [add_item(world, title=f"P{n}") for n in range(needs)]
    item = add_item(world, title="Target", needs=prerequisites)
    c = as_(client, world, "co_x")
    # session, user, the item (with project, LA, initiative, cluster, owner), roles
    # (scope), facilitations (reach); what it needs, what needs it, its milestones;
    # the unread notification count
    with django_assert_num_queries(9):
        assert c.get(item.get_absolute_url()).status_code == 200


# --- Milestones --------------------------------------------------------------------


def test_a_coleader_adds_a_project_milestone(client, world):
    url = reverse("enquiries:milestone_create", args=[world.project_x.pk])
    data = {"title": "Launch conference", "on_0": "14", "on_1": "9", "on_2": "2026", "item": ""}
    response = as_(client, world, "co_x").post(url, data)
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.title, milestone.on, milestone.item) == (
        "Launch conference",
        dt.date(2026, 9, 14),
        None,
    )


def test_a_cluster_lead_adds_milestones_only_on_their_items(client, world):
    theirs = add_item(world, cluster_participation=world.part_a, title="Harlow work")
    add_item(world, title="Project work")
    url = reverse("enquiries:milestone_create", args=[world.project_x.pk])
    response = as_(client, world, "lead_a").get(url)
    assert dict(response.context["form"].fields["item"].choices) == {theirs.pk: "Harlow work"}
    data = {"title": "Report", "on_0": "1", "on_1": "10", "on_2": "2026", "item": ""}
    assert "Choose the item it marks" in client.post(url, data).content.decode()
    data["item"] = str(theirs.pk)
    assert client.post(url, data).status_code == 302
    assert Milestone.objects.get().item == theirs


def test_a_milestone_is_removed_after_confirming(client, world):
    milestone = services.milestone_create(
        actor=world.person("co_x"), project=world.project_x, title="Gone", on=dt.date(2026, 9, 1)
    )
    url = reverse("enquiries:milestone_delete", args=[milestone.pk])
    assert as_(client, world, "lead_a").post(url).status_code == 403
    response = as_(client, world, "co_x").get(url)
    assert "Remove the milestone “Gone”?" in response.content.decode()
    assert Milestone.objects.exists()
    assert client.post(url).status_code == 302
    assert not Milestone.objects.exists()
    assert client.post(url).status_code == 404
