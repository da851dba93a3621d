"""One definition of meeting access: the querysets built from meetings/access_q.py.
meetings/rules.py answers the same questions for one object in memory; this walks
the generated worlds of the enquiries agreement test (every role, some ended, some
inactive, facilitators), adds meetings with notes in every state, and compares every
person × every object."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enquiries.models import ClusterParticipation, Project
from meetings import access, access_q, rules
from meetings.models import ClusterCheck, Meeting, MeetingNotes
from networks.models import User
from tests.enquiries.test_access_agreement import SEEDS, _fresh, build_generated_world

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 10, 14, 9, tzinfo=dt.UTC)


def add_meetings(seed: int) -> None:
    rng = random.Random(seed * 11 + 3)
    staff = User.objects.filter(is_staff=True).first()
    states = list(MeetingNotes.State.values) + [None]
    for project in Project.objects.all():
        clusters = list(
            ClusterParticipation.objects.filter(project=project).values_list(
                "cluster_id", flat=True
            )
        )
        for n in range(rng.randint(1, 3)):
            meeting = Meeting.objects.create(
                project=project,
                kind="surgery",
                title=f"Meeting {n}",
                starts_at=START,
                ends_at=START + dt.timedelta(hours=2),
                place="Hall",
            )
            chosen = rng.sample(clusters, min(len(clusters), rng.randint(0, 2)))
            meeting.clusters.set(chosen)
            state = rng.choice(states)
            if state is None:
                continue
            notes = MeetingNotes.objects.create(
                meeting=meeting, author=staff, text="N", state=state
            )
            if state != MeetingNotes.State.DRAFT:
                for cluster_id in chosen:
                    ClusterCheck.objects.create(
                        notes=notes,
                        cluster_id=cluster_id,
                        answer=rng.choice(ClusterCheck.Answer.values),
                    )


def _opens(user, pk, action="view") -> bool:
    try:
        access.get_meeting_for_user(user, pk, action=action)
    except (Http404, PermissionDenied):
        return False
    return True


@pytest.fixture
def generated(request):
    build_generated_world(request.param)
    add_meetings(request.param)
    return request.param


@pytest.mark.parametrize("generated", SEEDS[:2], indirect=True)
def test_every_predicate_agrees_with_its_queryset(generated):
    projects = list(Project.objects.all())
    meetings = list(Meeting.objects.select_related("project"))
    notes = list(MeetingNotes.objects.select_related("meeting__project").prefetch_related("checks"))
    checks = list(ClusterCheck.objects.select_related("notes"))
    assert len(meetings) > 10 and len(notes) > 5 and len(checks) > 3
    disagreements: list[str] = []

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            if predicate(user, obj) != (obj.pk in in_sql):
                disagreements.append(
                    f"{user.email}: {question} {type(obj).__name__} {obj.pk} "
                    f"predicate={predicate(user, obj)} queryset={obj.pk in in_sql}"
                )

    counts = {"manage": 0, "read notes": 0, "answer": 0}
    for person in User.objects.all():
        user = _fresh(person)
        managed = Project.objects.filter(access_q.managed_projects(user))
        compare(user, "manages", projects, rules.manages_project, managed)
        compare(user, "sees", meetings, rules.sees_meeting, Meeting.objects.visible_to(user))
        compare(user, "manages", meetings, rules.manages_meeting, Meeting.objects.managed_by(user))
        compare(user, "reads", notes, rules.reads_notes, MeetingNotes.objects.readable_by(user))
        compare(
            user,
            "answers",
            checks,
            rules.may_answer_check,
            ClusterCheck.objects.filter(access_q.answerable_checks(user)),
        )
        compare(
            user, "opens", meetings, lambda u, m: _opens(u, m.pk), Meeting.objects.visible_to(user)
        )
        counts["manage"] += managed.exists()
        counts["read notes"] += MeetingNotes.objects.readable_by(user).exists()
        counts["answer"] += ClusterCheck.objects.filter(access_q.answerable_checks(user)).exists()
    assert not disagreements, "\n".join(disagreements[:30])
    assert all(counts.values()), counts
