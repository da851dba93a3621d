"""The plans of the benchmark: about 50,000 plan items at scale 1 (a few hundred per LA
project, more in the focus LA's), dependencies, milestones, and feedback loops with
every cluster's response, bulk-created (not through the services)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from enquiries.models import (
    ClusterParticipation,
    FeedbackAnswer,
    FeedbackLoop,
    FeedbackPrompt,
    FeedbackResponse,
    Milestone,
    PlanDependency,
    PlanItem,
    Project,
)

from .words import BATCH, PLACES

ITEMS_AT_SCALE_1 = 50_000
VERBS = ["Plan", "Run", "Review", "Write up", "Share", "Evaluate", "Visit", "Agree"]
THINGS = ["surgery", "conference", "transition day", "baseline", "log review", "workshop"]


def build_plans(
    rng: random.Random, *, initiative_id: int, focus_project_id: int, scale: float, people
) -> dict:
    """`people` maps an LA's id to the people who may own its items (its co-leader and
    its clusters' leads). Returns what the pages are measured on, and counts."""
    projects = list(Project.objects.filter(initiative_id=initiative_id).order_by("pk"))
    participations: dict[int, list[int]] = {}
    for project_id, pk in ClusterParticipation.objects.filter(
        project__initiative_id=initiative_id
    ).values_list("project_id", "pk"):
        participations.setdefault(project_id, []).append(pk)
    total = max(len(projects) * 20, round(ITEMS_AT_SCALE_1 * scale))
    per_project = total // len(projects)
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)
    items = []
    for project in projects:
        # The focus LA (a county) plans more than most: twice the share.
        n = per_project * 2 if project.pk == focus_project_id else per_project
        owners = people.get(project.la_id, [])
        clusters = participations.get(project.pk, [])
        for i in range(n):
            begins = start + dt.timedelta(days=rng.randint(0, 600))
            due = begins + dt.timedelta(days=rng.randint(0, 120))
            status = rng.choice(PlanItem.Status.values)
            items.append(
                PlanItem(
                    project=project,
                    plan=rng.choice(PlanItem.Plan.values),
                    strand=rng.choice(PlanItem.Strand.values),
                    level=rng.choice(PlanItem.Level.values),
                    title=f"{rng.choice(VERBS)} the {rng.choice(PLACES).lower()} "
                    f"{rng.choice(THINGS)} ({i + 1})",
                    description="A benchmark plan item.",
                    cluster_participation_id=rng.choice(clusters)
                    if clusters and rng.random() < 0.6
                    else None,
                    owner=rng.choice(owners) if owners and rng.random() < 0.8 else None,
                    starts_on=begins,
                    due_on=due,
                    status=status,
                )
            )
    PlanItem.objects.bulk_create(items, batch_size=BATCH)

    by_project: dict[int, list[int]] = {}
    for project_id, pk in (
        PlanItem.objects.filter(project__initiative_id=initiative_id)
        .order_by("pk")
        .values_list("project_id", "pk")
    ):
        by_project.setdefault(project_id, []).append(pk)
    # Each item may wait for one or two earlier items of its project: never a cycle.
    dependencies = []
    for pks in by_project.values():
        for index, pk in enumerate(pks[1:], start=1):
            if rng.random() < 0.35:
                for needs in set(rng.sample(pks[max(0, index - 30) : index], min(index, 2))):
                    dependencies.append(PlanDependency(item_id=pk, needs_id=needs))
    PlanDependency.objects.bulk_create(dependencies, batch_size=BATCH)

    milestones = []
    for project in projects:
        for n in range(6):
            milestones.append(
                Milestone(
                    project=project,
                    title=f"Milestone {n + 1}",
                    on=start + dt.timedelta(days=90 * n + rng.randint(0, 30)),
                )
            )
        for pk in rng.sample(by_project[project.pk], min(10, len(by_project[project.pk]))):
            milestones.append(
                Milestone(
                    project=project,
                    title="Evidence due",
                    on=start + dt.timedelta(days=200),
                    item_id=pk,
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)

    loops, responses, answers = _feedback_loops(rng, projects, participations, today)
    focus_loop = (
        FeedbackLoop.objects.filter(project_id=focus_project_id, closed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "feedback_loop_id": focus_loop,
        "counts": {
            "plan items": len(items),
            "dependencies": len(dependencies),
            "milestones": len(milestones),
            "feedback loops": loops,
            "feedback responses": responses,
            "feedback answers": answers,
        },
    }


def _feedback_loops(rng, projects, participations, today) -> tuple[int, int, int]:
    """Four loops a project (three closed, one open), each asking every cluster, most
    answering each of three prompts."""
    now = timezone.now()
    loops = []
    for project in projects:
        for n in range(4):
            closes = today - dt.timedelta(days=120 * (3 - n) - 10)
            opens = closes - dt.timedelta(days=21)
            is_open = n == 3
            loops.append(
                FeedbackLoop(
                    project=project,
                    title=f"Term {n + 1} feedback",
                    all_clusters=True,
                    opens_on=opens,
                    closes_on=today + dt.timedelta(days=10) if is_open else closes,
                    opened_at=now,
                    closed_at=None if is_open else now,
                )
            )
    FeedbackLoop.objects.bulk_create(loops, batch_size=BATCH)
    loops = list(FeedbackLoop.objects.filter(project__in=projects).order_by("pk"))
    prompts = [
        FeedbackPrompt(loop=loop, position=p, text=f"Prompt {p}: what have you learned?")
        for loop in loops
        for p in (1, 2, 3)
    ]
    FeedbackPrompt.objects.bulk_create(prompts, batch_size=BATCH)
    responses = [
        FeedbackResponse(
            loop=loop,
            cluster_participation_id=pk,
            submitted_at=now if rng.random() < 0.8 else None,
            updated_at=now,
        )
        for loop in loops
        for pk in participations.get(loop.project_id, [])
    ]
    FeedbackResponse.objects.bulk_create(responses, batch_size=BATCH)
    prompt_ids: dict[int, list[int]] = {}
    for loop_id, pk in FeedbackPrompt.objects.filter(loop__in=loops).values_list("loop_id", "pk"):
        prompt_ids.setdefault(loop_id, []).append(pk)
    answers = [
        FeedbackAnswer(response_id=response_id, prompt_id=prompt_id, text="We are learning a lot.")
        for response_id, loop_id in FeedbackResponse.objects.filter(
            loop__in=loops, submitted_at__isnull=False
        ).values_list("pk", "loop_id")
        for prompt_id in prompt_ids[loop_id]
    ]
    FeedbackAnswer.objects.bulk_create(answers, batch_size=BATCH)
    return len(loops), len(responses), len(answers)
