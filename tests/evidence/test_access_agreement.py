"""One definition of evidence access: the querysets built from evidence/access_q.py.
The predicates in evidence/rules.py answer the same questions for one object in
memory; this walks the enquiries' generated worlds (LAs, clusters, projects, people
holding every role, some ended or inactive, some facilitating) with log entries of
every visibility, archive items, meetings with notes in every state (the meetings
agreement test's), evidence from each of them, baselines and key drivers, every
person × every object, and fails on any disagreement. Consultants are added, as the
generated world has few."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from enquiries.models import ArchiveItem, ClusterParticipation, LogEntry, Project
from evidence import access_q, rules
from evidence.models import Baseline, EvidenceItem, KeyDriver
from meetings.models import MeetingNotes, NotesVersion
from networks.models import Role, User
from tests.enquiries.test_access_agreement import SEEDS, _fresh, build_generated_world
from tests.enquiries.test_access_agreement_logs import add_entries_and_items
from tests.factories import grant
from tests.meetings.test_access_agreement import add_meetings

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 11, 12)


def add_evidence(seed: int) -> None:
    rng = random.Random(seed * 3 + 5)
    people = list(User.objects.filter(is_active=True))
    for participation in ClusterParticipation.objects.all():
        if rng.random() < 0.4:
            grant(rng.choice(people), Role.CONSULTANT, cluster=participation.cluster)
    items = []
    for entry in LogEntry.objects.all():
        items.append(
            EvidenceItem(
                project_id=entry.project_id,
                kind="log_entry",
                log_entry=entry,
                cluster_id=entry.cluster_id,
            )
        )
    for item in ArchiveItem.objects.all():
        items.append(
            EvidenceItem(project_id=item.project_id, kind="archive_item", archive_item=item)
        )
    add_meetings(seed)
    for notes in MeetingNotes.objects.select_related("meeting"):
        version = NotesVersion.objects.create(notes=notes, number=1, text=notes.text)
        items.append(
            EvidenceItem(
                project_id=notes.meeting.project_id, kind="meeting_notes", notes_version=version
            )
        )
    EvidenceItem.objects.bulk_create(items)
    for participation in ClusterParticipation.objects.all():
        Baseline.objects.create(
            project_id=participation.project_id,
            cluster_participation=participation,
            aspect="Relationships",
            narrative="N",
            described_on=DAY,
        )
    for project in Project.objects.all():
        KeyDriver.objects.create(project=project, position=1, title="T", narrative="N")


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_every_evidence_predicate_agrees_with_its_queryset(seed):
    build_generated_world(seed)
    add_entries_and_items(seed)
    add_evidence(seed)
    projects = list(Project.objects.all())
    participations = list(ClusterParticipation.objects.select_related("project"))
    evidence = list(
        EvidenceItem.objects.select_related(
            "project", "log_entry__project", "notes_version__notes__meeting__project"
        ).prefetch_related("notes_version__notes__checks")
    )
    notes_evidence = [item for item in evidence if item.kind == "meeting_notes"]
    assert len(notes_evidence) > 5
    states = {item.notes_version.notes.state for item in notes_evidence}
    assert states == set(MeetingNotes.State.values), states
    baselines = list(Baseline.objects.select_related("project"))
    drivers = list(KeyDriver.objects.select_related("project"))
    assert len(evidence) > 50 and participations and baselines
    disagreements: list[str] = []
    counts = dict.fromkeys(
        (
            "sees evidence",
            "notes evidence",
            "notes evidence kept",
            "codes",
            "contributes only",
            "names",
            "baseline",
        ),
        0,
    )

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            answer = predicate(user, obj)
            if answer != (obj.pk in in_sql):
                disagreements.append(
                    f"{user.email}: {question} {type(obj).__name__} {obj.pk} "
                    f"predicate={answer} queryset={obj.pk in in_sql}"
                )
        return len(in_sql)

    for person in User.objects.all():
        user = _fresh(person)
        counts["sees evidence"] += compare(
            user, "reads", evidence, rules.sees_evidence, EvidenceItem.objects.visible_to(user)
        )
        # Of notes' evidence in projects the person sees, some read and some kept back.
        read = sum(rules.sees_evidence(user, item) for item in notes_evidence)
        counts["notes evidence"] += read
        counts["notes evidence kept"] += (
            sum(rules.sees_evidence_pages(user, item.project) for item in notes_evidence) - read
        )
        compare(
            user,
            "reads",
            baselines,
            lambda u, b: rules.sees_evidence_pages(u, b.project),
            Baseline.objects.visible_to(user),
        )
        compare(
            user,
            "reads",
            drivers,
            lambda u, d: rules.sees_evidence_pages(u, d.project),
            KeyDriver.objects.visible_to(user),
        )
        counts["codes"] += compare(
            user,
            "codes",
            projects,
            rules.codes_project,
            Project.objects.filter(access_q.coding_projects(user)),
        )
        contributes = compare(
            user,
            "contributes to",
            projects,
            rules.contributes_to,
            Project.objects.filter(access_q.contributing_projects(user)),
        )
        counts["contributes only"] += contributes - len(
            Project.objects.filter(access_q.coding_projects(user))
        )
        counts["names"] += compare(
            user,
            "names drivers of",
            projects,
            rules.names_drivers,
            Project.objects.filter(access_q.driving_projects(user)),
        )
        counts["baseline"] += compare(
            user,
            "writes baselines of",
            participations,
            rules.writes_baseline,
            ClusterParticipation.objects.filter(access_q.baseline_participations(user)),
        )
        # Each cluster lead's (project, cluster) pairs are the lead's own clusters.
        for participation in participations:
            leads = rules.leads_cluster_in(user, participation.project, participation.cluster_id)
            if leads and not rules.writes_baseline(user, participation):
                disagreements.append(f"{user.email}: leads but cannot write {participation.pk}")
    assert not disagreements, "\n".join(disagreements[:30])
    # The world exercises every rule, both ways.
    assert all(counts.values()), counts
