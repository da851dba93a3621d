"""Reflective logs and the archive have one definition of access too
(enquiries/access_q_logs.py); the predicates in enquiries/rules_logs.py and the
reminder sweep's set-based search must agree with it, person by person, over the
generated worlds of test_access_agreement.py plus entries of every visibility."""

from __future__ import annotations

import random

import pytest

from enquiries import access_q_logs, rules, rules_logs
from enquiries.models import (
    ArchiveCategory,
    ArchiveItem,
    ClusterParticipation,
    LogEntry,
    Project,
)
from enquiries.reminders import reminded_people
from networks.models import User

from .test_access_agreement import SEEDS, _fresh, build_generated_world

pytestmark = pytest.mark.django_db


def add_entries_and_items(seed: int) -> None:
    rng = random.Random(seed)
    people = list(User.objects.all())
    clusters_of: dict[int, list[int]] = {}
    for project_id, cluster_id in ClusterParticipation.objects.values_list(
        "project_id", "cluster_id"
    ):
        clusters_of.setdefault(project_id, []).append(cluster_id)
    entries = []
    for project in Project.objects.all():
        for _ in range(8):
            visibility = rng.choice(["private", "cluster", "project"])
            cluster = rng.choice(clusters_of.get(project.pk, [None]))
            if visibility == "cluster" and cluster is None:
                visibility = "project"
            entries.append(
                LogEntry(
                    project=project,
                    author=rng.choice(people),
                    cluster_id=cluster if rng.random() < 0.8 or visibility == "cluster" else None,
                    written_on="2026-03-01",
                    text="Noticed.",
                    visibility=visibility,
                )
            )
        category, _ = ArchiveCategory.objects.get_or_create(
            project=project, slug="evidence", defaults={"name": "E"}
        )
        ArchiveItem.objects.create(
            project=project,
            category=category,
            title="Item",
            uploaded_by=rng.choice(people),
            updated_at="2026-03-01T00:00Z",
        )
    LogEntry.objects.bulk_create(entries)


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_every_log_and_archive_predicate_agrees_with_its_queryset(seed):
    build_generated_world(seed)
    add_entries_and_items(seed)
    projects = list(Project.objects.select_related("la", "initiative"))
    entries = list(LogEntry.objects.select_related("project"))
    items = list(ArchiveItem.objects.select_related("project"))
    assert {e.visibility for e in entries} == {"private", "cluster", "project"}
    disagreements = []

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            if predicate(user, obj) != (obj.pk in in_sql):
                disagreements.append(f"{user.email}: {question} {type(obj).__name__} {obj.pk}")

    for person in User.objects.all():
        user = _fresh(person)
        compare(
            user, "reads", entries, rules_logs.sees_log_entry, LogEntry.objects.visible_to(user)
        )
        compare(
            user,
            "takes part in",
            projects,
            rules_logs.takes_part_in,
            Project.objects.filter(access_q_logs.participating_projects(user)),
        )
        compare(
            user,
            "sees the archive item",
            items,
            lambda u, item: rules.sees_project(u, item.project),
            ArchiveItem.objects.visible_to(user),
        )
    assert not disagreements, "\n".join(disagreements[:40])


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_the_reminder_sweep_finds_the_people_each_persons_query_does(seed):
    build_generated_world(seed)
    la_of = dict(Project.objects.values_list("pk", "la_id"))
    by_sweep = reminded_people(list(la_of), la_of)
    by_person = set()
    for person in User.objects.all():
        user = _fresh(person)
        projects = Project.objects.filter(access_q_logs.reminded_projects(user))
        by_person |= {(user.pk, pk) for pk in projects.values_list("pk", flat=True)}
    assert by_sweep == by_person and len(by_sweep) > 20
