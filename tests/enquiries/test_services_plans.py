"""The plan services: who adds and changes items and milestones, the checks on dates,
clusters, owners and dependencies (cycles refused with a message naming them), and
the owner being told."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from enquiries import services
from enquiries.models import Milestone, PlanDependency, PlanItem
from enquiries.services import EnquiryError
from networks.models import AuditEntry
from notifications.models import Notification
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import D, add_item, update_item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


# --- Who plans what ----------------------------------------------------------------


@pytest.mark.parametrize("actor", ["co_x", "national", "staff"])
def test_the_projects_managers_add_items_for_the_whole_project(world, actor):
    item = add_item(world, actor)
    assert item.project == world.project_x and item.cluster_participation is None
    assert item.created_by == world.person(actor)


def test_a_cluster_lead_adds_items_for_their_own_cluster(world):
    item = add_item(world, "lead_a", cluster_participation=world.part_a, level="micro")
    assert item.cluster_participation == world.part_a


@pytest.mark.parametrize(
    "actor, cluster",
    [
        ("lead_a", None),  # the project as a whole is the managers'
        ("lead_a", "part_a2"),  # another cluster's
        ("lead_b", "part_b"),  # their cluster, in another project (refused: not this one)
        ("co_y", None),  # another LA's co-leader
        ("officer_x_facilitating_y", None),  # an officer reads, does not plan
        ("kq_facilitator", None),
        ("school_contact", "part_a"),
    ],
)
def test_others_may_not_add_items(world, actor, cluster):
    participation = getattr(world, cluster) if cluster else None
    with pytest.raises((PermissionDenied, EnquiryError)):
        add_item(world, actor, cluster_participation=participation)
    assert not PlanItem.objects.exists()


def test_a_cluster_in_another_project_is_refused_with_a_message(world):
    with pytest.raises(EnquiryError, match="does not take part in this project"):
        add_item(world, "co_x", cluster_participation=world.part_b)


def test_a_cluster_lead_changes_their_clusters_items_but_not_the_projects(world):
    theirs = add_item(world, cluster_participation=world.part_a, title="Harlow visits")
    projects = add_item(world, title="County strategy paper")
    update_item(world, theirs, "lead_a", status=PlanItem.Status.IN_PROGRESS)
    assert PlanItem.objects.get(pk=theirs.pk).status == PlanItem.Status.IN_PROGRESS
    with pytest.raises(PermissionDenied):
        update_item(world, projects, "lead_a", status=PlanItem.Status.DONE)
    with pytest.raises(PermissionDenied):
        update_item(world, theirs, "lead_a2", status=PlanItem.Status.DONE)


def test_a_cluster_lead_cannot_move_their_item_out_of_their_clusters(world):
    theirs = add_item(world, cluster_participation=world.part_a)
    with pytest.raises(EnquiryError, match="Choose one of your own clusters"):
        update_item(world, theirs, "lead_a", cluster_participation=world.part_a2)
    with pytest.raises(EnquiryError, match="Choose one of your own clusters"):
        update_item(world, theirs, "lead_a", cluster_participation=None)
    assert PlanItem.objects.get(pk=theirs.pk).cluster_participation == world.part_a


# --- Checks -------------------------------------------------------------------------


def test_it_refuses_a_due_date_before_the_start(world):
    with pytest.raises(EnquiryError, match="due date must be the same as or after"):
        add_item(world, starts_on=D(2026, 10, 1), due_on=D(2026, 9, 1))


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("strand", "vision", "Unknown strand: vision"),
        ("plan", "budget", "Unknown plan: budget"),
        ("level", "galactic", "Unknown level: galactic"),
        ("status", "abandoned", "Unknown status: abandoned"),
        ("title", "   ", "Give the item a title"),
    ],
)
def test_it_refuses_bad_values_with_a_message(world, field, value, message):
    with pytest.raises(EnquiryError, match=message):
        add_item(world, **{field: value})


def test_the_owner_must_take_part_in_the_project(world):
    with pytest.raises(EnquiryError, match="does not take part in this project"):
        add_item(world, owner=world.person("lead_b"))
    for person in ("co_x", "lead_a", "officer_x_facilitating_y", "school_contact"):
        assert add_item(world, owner=world.person(person)).owner == world.person(person)


def test_the_owner_is_told_once_and_the_actor_is_not(world):
    item = add_item(world, owner=world.person("lead_a"), title="Harlow surgery")
    [notice] = Notification.objects.filter(recipient=world.lead_a)
    assert notice.category == Notification.Category.PLANS
    assert "Harlow surgery" in notice.subject and notice.url == item.get_absolute_url()
    add_item(world, owner=world.person("co_x"), title="Own item")  # their own: no notice
    assert not Notification.objects.filter(recipient=world.co_x).exists()
    update_item(world, item, title="Harlow surgeries")  # owner unchanged: no new notice
    update_item(world, item, owner=world.person("lead_a2"))
    assert Notification.objects.filter(recipient=world.lead_a2).count() == 1


# --- Dependencies ------------------------------------------------------------------


def test_items_depend_on_items_of_the_same_project(world):
    venue = add_item(world, title="Book the venue")
    conference = add_item(world, title="Hold the conference", needs=[venue])
    assert list(conference.needs.all()) == [venue]
    other = add_item(world, "co_y", project=world.project_y, title="Northants item")
    with pytest.raises(EnquiryError, match="is not in this project's plans"):
        add_item(world, title="Cross-project", needs=[other])


def test_a_cycle_is_refused_with_a_message_naming_it(world):
    a = add_item(world, title="Agree the focus")
    b = add_item(world, title="Choose the clusters", needs=[a])
    c = add_item(world, title="Hold surgeries", needs=[b])
    with pytest.raises(EnquiryError) as refused:
        update_item(world, a, needs=[c])
    assert str(refused.value) == (
        "“Agree the focus” cannot depend on “Hold surgeries”, because “Hold surgeries” "
        "needs “Choose the clusters”, which needs “Agree the focus” already: neither could "
        "ever finish. Remove one of those dependencies first."
    )
    with pytest.raises(EnquiryError, match="cannot depend on itself"):
        update_item(world, a, needs=[a])
    assert not PlanDependency.objects.filter(item=a).exists()


def test_changing_dependencies_adds_and_removes_and_is_audited(world):
    a, b, c = (add_item(world, title=t) for t in ("A", "B", "C"))
    target = add_item(world, title="Target", needs=[a, b])
    AuditEntry.objects.all().delete()
    update_item(world, target, needs=[b, c])
    assert sorted(target.needs.values_list("title", flat=True)) == ["B", "C"]
    [entry] = AuditEntry.objects.all()
    assert entry.action == "enquiries.plan_item.changed"
    assert entry.changes == {"needs": [sorted([a.pk, b.pk]), sorted([b.pk, c.pk])]}


def test_an_update_that_changes_nothing_writes_nothing(world):
    item = add_item(world)
    AuditEntry.objects.all().delete()
    update_item(world, item)
    assert not AuditEntry.objects.exists()


def test_overdue_means_due_in_the_past_and_not_finished(world):
    today = dt.date(2026, 11, 1)
    item = add_item(world, due_on=D(2026, 10, 31))
    assert item.is_overdue(today) and not item.is_overdue(D(2026, 10, 31))
    for status in (PlanItem.Status.DONE, PlanItem.Status.DROPPED):
        item.status = status
        assert not item.is_overdue(today)
    assert list(PlanItem.objects.overdue(today)) == [item]
    PlanItem.objects.update(status=PlanItem.Status.DROPPED)
    assert list(PlanItem.objects.overdue(today)) == []


# --- Milestones --------------------------------------------------------------------


def test_managers_add_project_milestones_and_leads_add_them_on_their_items(world):
    item = add_item(world, cluster_participation=world.part_a)
    project_wide = services.milestone_create(
        actor=world.person("co_x"), project=world.project_x, title="Launch", on=D(2026, 9, 14)
    )
    on_item = services.milestone_create(
        actor=world.person("lead_a"),
        project=world.project_x,
        title="Harlow report",
        on=D(2026, 10, 1),
        item=item,
    )
    assert (project_wide.item, on_item.item) == (None, item)
    with pytest.raises(PermissionDenied):
        services.milestone_create(
            actor=world.person("lead_a"), project=world.project_x, title="Mine", on=D(2026, 9, 1)
        )
    with pytest.raises(PermissionDenied):
        services.milestone_create(
            actor=world.person("lead_a2"),
            project=world.project_x,
            title="Not mine",
            on=D(2026, 9, 1),
            item=item,
        )
    milestone = Milestone.objects.select_related("project__la", "item__cluster_participation")
    with pytest.raises(PermissionDenied):
        services.milestone_delete(
            actor=world.person("lead_a"), milestone=milestone.get(pk=project_wide.pk)
        )
    services.milestone_delete(actor=world.person("lead_a"), milestone=milestone.get(pk=on_item.pk))
    assert list(Milestone.objects.all()) == [project_wide]


def test_a_milestone_on_another_projects_item_is_refused(world):
    other = add_item(world, "co_y", project=world.project_y)
    with pytest.raises(EnquiryError, match="not in this project's plans"):
        services.milestone_create(
            actor=world.person("co_x"),
            project=world.project_x,
            title="Sneaky",
            on=D(2026, 9, 1),
            item=other,
        )
