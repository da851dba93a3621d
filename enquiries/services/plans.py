"""Writing a project's plans: items in the project plan and enquiry plan, their
dependencies, and milestones.

Who: the project's managers (its LA's co-leaders, the national team, staff) plan
anything in the project; a cluster's leads plan their own cluster's items (and the
milestones on them). Every function is keyword-only and atomic, checks permission
itself (PermissionDenied), refuses bad input with an EnquiryError the person can act
on, and writes one audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from networks.audit import audit
from networks.models import User
from notifications.models import Notification
from notifications.services import notify

from .. import rules
from ..models import ClusterParticipation, Milestone, PlanDependency, PlanItem, Project
from ..selectors.plans import project_people
from ._common import EnquiryError, subject

Status = PlanItem.Status


def _choice(value: str, choices, what: str) -> str:
    if value not in choices.values:
        raise EnquiryError(f"Unknown {what}: {value}.")
    return value


def _title(title: str, what: str = "item") -> str:
    title = " ".join((title or "").split())
    if not title:
        raise EnquiryError(f"Give the {what} a title.")
    return title


def _check_dates(starts_on: dt.date, due_on: dt.date) -> None:
    if starts_on is None or due_on is None:
        raise EnquiryError("A plan item needs a start date and a due date.")
    if due_on < starts_on:
        raise EnquiryError("The due date must be the same as or after the start date.")


def _check_cluster(project: Project, cluster_participation: ClusterParticipation | None) -> None:
    if cluster_participation is not None and cluster_participation.project_id != project.pk:
        raise EnquiryError("That cluster does not take part in this project.")


def _check_owner(project: Project, owner: User | None) -> None:
    if owner is not None and not project_people(project).filter(pk=owner.pk).exists():
        raise EnquiryError(f"{owner} does not take part in this project.")


def _lock(project: Project) -> None:
    """Serialise changes to one project's dependencies, so two edits at once cannot
    each add half of a cycle (a no-op on SQLite, which writes one at a time)."""
    list(Project.objects.select_for_update().filter(pk=project.pk).order_by().values_list("pk"))


def _needs(project: Project, item_pk: int | None, needs: Iterable[PlanItem]) -> list[PlanItem]:
    """The prerequisites, checked: of this project, not the item itself, no cycle."""
    needs = list({other.pk: other for other in needs}.values())
    for other in needs:
        if other.project_id != project.pk:
            raise EnquiryError(f"“{other.title}” is not in this project's plans.")
        if other.pk == item_pk:
            raise EnquiryError("An item cannot depend on itself.")
    if item_pk is not None and needs:
        _refuse_cycle(project, item_pk, needs)
    return needs


def _refuse_cycle(project: Project, item_pk: int, needs: list[PlanItem]) -> None:
    """Refuse if any prerequisite already (directly or through others) waits for the
    item. One query: every dependency in the project."""
    waits_for: dict[int, list[int]] = defaultdict(list)
    for item_id, needs_id in PlanDependency.objects.filter(item__project=project).values_list(
        "item_id", "needs_id"
    ):
        if item_id != item_pk:
            waits_for[item_id].append(needs_id)
    for prerequisite in needs:
        path = _path(waits_for, prerequisite.pk, item_pk)
        if path is None:
            continue
        # Only when refusing: the titles along the way, to say which dependencies to undo.
        titles = dict(PlanItem.objects.filter(pk__in=path).values_list("pk", "title"))
        names = [f"“{titles[pk]}”" for pk in path]
        chain = f"{names[0]} needs " + ", which needs ".join(names[1:])
        raise EnquiryError(
            f"“{titles[item_pk]}” cannot depend on “{prerequisite.title}”, because {chain} "
            "already: neither could ever finish. Remove one of those dependencies first."
        )


def _path(waits_for: dict[int, list[int]], start: int, goal: int) -> list[int] | None:
    """A chain start → … → goal along 'depends on', or None (iterative depth-first)."""
    stack = [(start, [start])]
    seen = {start}
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        for nxt in waits_for.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def _tell_owner(item: PlanItem, actor: User, entry_pk: int) -> None:
    if item.owner_id is None:
        return
    project = item.project
    due = f"{item.due_on.day} {item.due_on:%B %Y}"
    notify(
        recipients=[item.owner_id],
        actor=actor,
        category=Notification.Category.PLANS,
        event_key=f"plan-item-owner:{entry_pk}",
        subject=subject(f"You own “{item.title}” in {project.la.name}'s {item.get_plan_display()}"),
        body=(
            f"{actor} made you the owner of “{item.title}” ({item.get_strand_display()}, "
            f"{item.get_level_display()}) in “{project.title}”. It is due on {due}."
        ),
        url=item.get_absolute_url(),
    )


@transaction.atomic
def plan_item_create(
    *,
    actor: User,
    project: Project,
    plan: str,
    strand: str,
    level: str,
    title: str,
    starts_on: dt.date,
    due_on: dt.date,
    description: str = "",
    cluster_participation: ClusterParticipation | None = None,
    owner: User | None = None,
    status: str = Status.NOT_STARTED,
    needs: Iterable[PlanItem] = (),
) -> PlanItem:
    """Add an item to the project plan or the enquiry plan."""
    _check_cluster(project, cluster_participation)
    if not rules.may_plan_for(actor, project, cluster_participation):
        raise PermissionDenied
    fields: dict[str, Any] = {
        "plan": _choice(plan, PlanItem.Plan, "plan"),
        "strand": _choice(strand, PlanItem.Strand, "strand"),
        "level": _choice(level, PlanItem.Level, "level"),
        "status": _choice(status, Status, "status"),
        "title": _title(title),
        "description": description.strip(),
    }
    _check_dates(starts_on, due_on)
    _check_owner(project, owner)
    _lock(project)
    prerequisites = _needs(project, None, needs)
    item = PlanItem.objects.create(
        project=project,
        cluster_participation=cluster_participation,
        owner=owner,
        starts_on=starts_on,
        due_on=due_on,
        created_by=actor,
        **fields,
    )
    PlanDependency.objects.bulk_create(
        [PlanDependency(item=item, needs=other) for other in prerequisites]
    )
    entry = audit(
        actor,
        "enquiries.plan_item.created",
        item,
        {
            "project": project.pk,
            "plan": item.plan,
            "strand": item.strand,
            "cluster": getattr(cluster_participation, "cluster_id", None),
            "owner": item.owner_id,
            "starts_on": starts_on,
            "due_on": due_on,
            "needs": sorted(other.pk for other in prerequisites),
        },
        la=project.la_id,
    )
    _tell_owner(item, actor, entry.pk)
    return item


@transaction.atomic
def plan_item_update(
    *,
    actor: User,
    item: PlanItem,
    plan: str,
    strand: str,
    level: str,
    title: str,
    starts_on: dt.date,
    due_on: dt.date,
    description: str = "",
    cluster_participation: ClusterParticipation | None = None,
    owner: User | None = None,
    status: str = Status.NOT_STARTED,
    needs: Iterable[PlanItem] = (),
) -> PlanItem:
    """Change an item: anything about it, including its status and dependencies.

    A cluster's lead may move an item between their own clusters only: after the
    change they must still be allowed to edit it.
    """
    project = item.project
    if not rules.may_edit_plan_item(actor, item):
        raise PermissionDenied
    _check_cluster(project, cluster_participation)
    if not rules.may_plan_for(actor, project, cluster_participation):
        raise EnquiryError("Choose one of your own clusters: you plan only for those.")
    _check_dates(starts_on, due_on)
    if owner is not None and owner.pk != item.owner_id:
        _check_owner(project, owner)
    _lock(project)
    prerequisites = _needs(project, item.pk, needs)
    after: dict[str, Any] = {
        "plan": _choice(plan, PlanItem.Plan, "plan"),
        "strand": _choice(strand, PlanItem.Strand, "strand"),
        "level": _choice(level, PlanItem.Level, "level"),
        "status": _choice(status, Status, "status"),
        "title": _title(title),
        "description": description.strip(),
        "cluster_participation_id": getattr(cluster_participation, "pk", None),
        "owner_id": getattr(owner, "pk", None),
        "starts_on": starts_on,
        "due_on": due_on,
    }
    changes = {
        key: [getattr(item, key), value]
        for key, value in after.items()
        if getattr(item, key) != value
    }
    before_needs = set(PlanDependency.objects.filter(item=item).values_list("needs_id", flat=True))
    after_needs = {other.pk for other in prerequisites}
    if before_needs != after_needs:
        changes["needs"] = [sorted(before_needs), sorted(after_needs)]
        PlanDependency.objects.filter(item=item, needs_id__in=before_needs - after_needs).delete()
        PlanDependency.objects.bulk_create(
            [PlanDependency(item=item, needs_id=pk) for pk in sorted(after_needs - before_needs)]
        )
    if not changes:
        return item
    for key, value in after.items():
        setattr(item, key, value)
    item.cluster_participation = cluster_participation
    item.owner = owner
    item.save()
    entry = audit(actor, "enquiries.plan_item.changed", item, changes, la=project.la_id)
    if "owner_id" in changes:
        _tell_owner(item, actor, entry.pk)
    return item


@transaction.atomic
def milestone_create(
    *, actor: User, project: Project, title: str, on: dt.date, item: PlanItem | None = None
) -> Milestone:
    """A dated point in the plans: the project's (its managers), or on one item (whoever
    may edit the item)."""
    if item is not None:
        if item.project_id != project.pk:
            raise EnquiryError("That item is not in this project's plans.")
        item.project = project  # loaded already, with its LA
        if not rules.may_edit_plan_item(actor, item):
            raise PermissionDenied
    elif not rules.may_manage_project(actor, project):
        raise PermissionDenied
    if on is None:
        raise EnquiryError("Enter the milestone's date.")
    milestone = Milestone.objects.create(
        project=project, title=_title(title, "milestone"), on=on, item=item, created_by=actor
    )
    audit(
        actor,
        "enquiries.milestone.created",
        milestone,
        {"project": project.pk, "on": on, "item": getattr(item, "pk", None)},
        la=project.la_id,
    )
    return milestone


@transaction.atomic
def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    """Remove a milestone (the audit entry keeps its title and date)."""
    if not rules.may_edit_milestone(actor, milestone):
        raise PermissionDenied
    project = milestone.project
    deleted, _ = Milestone.objects.filter(pk=milestone.pk).delete()
    if not deleted:
        raise EnquiryError("That milestone has already been removed.")
    audit(
        actor,
        "enquiries.milestone.deleted",
        milestone,
        {"project": project.pk, "title": milestone.title, "on": milestone.on},
        la=project.la_id,
    )
