"""A project's two plans: the project plan (what we will do) and the enquiry plan (how we
will learn), as dated items in three strands, with dependencies and milestones.

Essex's initial timeline was split into activity, outcomes and processes and fed both
plans (domain.md, "An LA project, step by step"); each item sits at one of the four
levels and may belong to one of the project's clusters. The timeline page draws them
as a Gantt chart (enquiries/timeline_chart.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .. import access_q
from .projects import ClusterParticipation, Project


class Plan(models.TextChoices):
    PROJECT = "project", "Project plan"
    ENQUIRY = "enquiry", "Enquiry plan"


class Strand(models.TextChoices):
    """In the order the timeline draws them."""

    ACTIVITY = "activity", "Activity"
    OUTCOMES = "outcomes", "Outcomes"
    PROCESSES = "processes", "Processes"


class PlanLevel(models.TextChoices):
    """The four levels, in the words participants used for them."""

    MACRO = "macro", "Macro: the initiative"
    MINI_MACRO = "mini_macro", "Mini-macro: the LA project"
    MICRO = "micro", "Micro: a cluster"
    MINI_MICRO = "mini_micro", "Mini-micro: schools"


class PlanItemQuerySet(models.QuerySet["PlanItem"]):
    def visible_to(self, user) -> PlanItemQuerySet:
        """Everyone who sees the project reads its plans."""
        return self.filter(access_q.visible_projects(user, "project__"))

    def editable_by(self, user) -> PlanItemQuerySet:
        return self.filter(access_q.editable_plan_items(user))

    def unfinished(self) -> PlanItemQuerySet:
        return self.exclude(status__in=PlanItem.FINISHED)

    def overdue(self, today: dt.date) -> PlanItemQuerySet:
        return self.unfinished().filter(due_on__lt=today)


class PlanItem(models.Model):
    """One thing in a project plan or enquiry plan, from its start date to its due date."""

    Plan = Plan
    Strand = Strand
    Level = PlanLevel

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    # Finished items are never overdue: done, or dropped on purpose.
    FINISHED = (Status.DONE, Status.DROPPED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_items")
    plan = models.CharField(max_length=10, choices=Plan.choices)
    strand = models.CharField(max_length=10, choices=Strand.choices)
    level = models.CharField(max_length=10, choices=PlanLevel.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # One of the project's own participations (the services check it).
    cluster_participation = models.ForeignKey(
        ClusterParticipation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name="cluster",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
    )
    starts_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    needs = models.ManyToManyField(
        "self",
        through="PlanDependency",
        symmetrical=False,
        related_name="needed_by",
        blank=True,
        help_text="Items of the same project that must finish first",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["project", "strand", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="plan_item_due_after_start", condition=Q(due_on__gte=F("starts_on"))
            ),
        ]
        indexes = [
            # The timeline: a project's items by strand and start.
            models.Index(fields=["project", "strand", "starts_on"], name="plan_item_timeline"),
            # "My work": a person's unfinished items by due date.
            models.Index(fields=["owner", "due_on"], name="plan_item_owner_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enquiries:plan_item_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def is_overdue(self, today: dt.date) -> bool:
        """Due in the past and not finished."""
        return not self.is_finished and self.due_on < today


class PlanDependency(models.Model):
    """`item` cannot finish until `needs` has (both of the same project)."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")
    needs = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "needs"], name="plan_dependency_once"),
            models.CheckConstraint(
                name="plan_item_never_needs_itself", condition=~Q(item=F("needs"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} needs {self.needs_id}"


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def visible_to(self, user) -> MilestoneQuerySet:
        return self.filter(access_q.visible_projects(user, "project__"))

    def editable_by(self, user) -> MilestoneQuerySet:
        return self.filter(access_q.editable_milestones(user))


class Milestone(models.Model):
    """A dated point in the project's plans, optionally on one of its items."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    on = models.DateField("date")
    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, null=True, blank=True, related_name="milestones"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["project", "on", "pk"]
        indexes = [models.Index(fields=["project", "on"], name="milestone_by_date")]

    def __str__(self) -> str:
        return self.title
