"""Building plans and feedback loops in tests, through the real services."""

from __future__ import annotations

import datetime as dt

from enquiries import services
from enquiries.models import FeedbackLoop, PlanItem

D = dt.date


def add_item(world, actor: str = "co_x", *, project=None, **fields) -> PlanItem:
    """An item in project X (Essex) unless told otherwise; sensible defaults."""
    values = {
        "plan": PlanItem.Plan.PROJECT,
        "strand": PlanItem.Strand.ACTIVITY,
        "level": PlanItem.Level.MINI_MACRO,
        "title": "Run the launch conference",
        "starts_on": D(2026, 9, 1),
        "due_on": D(2026, 10, 31),
    }
    values.update(fields)
    return services.plan_item_create(
        actor=world.person(actor), project=project or world.project_x, **values
    )


def update_item(world, item: PlanItem, actor: str = "co_x", **changes) -> PlanItem:
    """Change some of an item's fields, keeping the rest as they are."""
    item = PlanItem.objects.select_related(
        "project__la", "cluster_participation__cluster", "owner"
    ).get(pk=item.pk)
    values = {
        "plan": item.plan,
        "strand": item.strand,
        "level": item.level,
        "title": item.title,
        "description": item.description,
        "cluster_participation": item.cluster_participation,
        "owner": item.owner,
        "starts_on": item.starts_on,
        "due_on": item.due_on,
        "status": item.status,
        "needs": list(item.needs.all()),
    }
    values.update(changes)
    return services.plan_item_update(actor=world.person(actor), item=item, **values)


def add_loop(world, *, opens_on, closes_on, clusters=None, title="First term", prompts=None):
    """A loop in project X set up by its co-leader (opens at once if due today)."""
    return services.feedback_loop_create(
        actor=world.person("co_x"),
        project=world.project_x,
        title=title,
        prompts=prompts or ["How is the networking going?", "What have you learned?"],
        opens_on=opens_on,
        closes_on=closes_on,
        clusters=clusters,
    )


def loop_row(loop) -> FeedbackLoop:
    return FeedbackLoop.objects.select_related("project__la", "project__initiative").get(pk=loop.pk)
