"""Plans and feedback loops agree with their querysets too: the generated worlds of
test_access_agreement.py, given plan items (the project's own and each cluster's),
milestones on both, and a feedback loop per project asking its clusters; then every
person × every object, predicate against queryset."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enquiries import rules
from enquiries.access import (
    get_feedback_loop_for_user,
    get_feedback_response_for_user,
    get_milestone_for_user,
    get_plan_item_for_user,
)
from enquiries.models import (
    ClusterParticipation,
    FeedbackLoop,
    FeedbackResponse,
    Milestone,
    PlanItem,
    Project,
)
from networks.models import User
from networks.scope import forget_scope

from .test_access_agreement import SEEDS, build_generated_world

pytestmark = pytest.mark.django_db


def add_plans(seed: int) -> None:
    rng = random.Random(seed)
    start = dt.date(2026, 9, 1)
    for project in Project.objects.all():
        participations = list(ClusterParticipation.objects.filter(project=project))
        for where in [None, *participations]:
            item = PlanItem.objects.create(
                project=project,
                plan=rng.choice(PlanItem.Plan.values),
                strand=rng.choice(PlanItem.Strand.values),
                level=rng.choice(PlanItem.Level.values),
                title="Item",
                cluster_participation=where,
                starts_on=start,
                due_on=start + dt.timedelta(days=rng.randint(0, 90)),
            )
            Milestone.objects.create(project=project, title="On it", on=start, item=item)
        Milestone.objects.create(project=project, title="Project's", on=start)
        loop = FeedbackLoop.objects.create(
            project=project, title="Loop", opens_on=start, closes_on=start, all_clusters=False
        )
        FeedbackResponse.objects.bulk_create(
            [FeedbackResponse(loop=loop, cluster_participation=p) for p in participations]
        )


def _fresh(user: User) -> User:
    user = User.objects.get(pk=user.pk)
    forget_scope(user)
    return user


def _opens(helper, *args, **kwargs) -> bool:
    try:
        helper(*args, **kwargs)
    except (Http404, PermissionDenied):
        return False
    return True


@pytest.fixture
def generated(request):
    build_generated_world(request.param)
    add_plans(request.param)
    return request.param


@pytest.mark.parametrize("generated", SEEDS, indirect=True)
def test_every_plan_predicate_agrees_with_its_queryset(generated):
    items = list(PlanItem.objects.select_related("project", "cluster_participation").order_by("pk"))
    milestones = list(
        Milestone.objects.select_related("project", "item__cluster_participation").order_by("pk")
    )
    loops = list(FeedbackLoop.objects.select_related("project").order_by("pk"))
    responses = list(
        FeedbackResponse.objects.select_related("loop__project", "cluster_participation")
    )
    assert len(items) > 12 and len(responses) > 6  # worth walking
    disagreements = []

    def compare(user, question, objects, predicate, queryset):
        in_sql = set(queryset.values_list("pk", flat=True))
        for obj in objects:
            if predicate(user, obj) != (obj.pk in in_sql):
                disagreements.append(
                    f"{user.email}: {question} {type(obj).__name__} {obj.pk} "
                    f"predicate={predicate(user, obj)} queryset={obj.pk in in_sql}"
                )

    for person in User.objects.all():
        user = _fresh(person)
        compare(
            user,
            "opens",
            items,
            lambda u, i: _opens(get_plan_item_for_user, u, i.pk),
            PlanItem.objects.visible_to(user),
        )
        compare(user, "edits", items, rules.may_edit_plan_item, PlanItem.objects.editable_by(user))
        compare(
            user,
            "edits",
            milestones,
            lambda u, m: _opens(get_milestone_for_user, u, m.pk, action="edit"),
            Milestone.objects.editable_by(user),
        )
        compare(
            user, "edits", milestones, rules.may_edit_milestone, Milestone.objects.editable_by(user)
        )
        compare(
            user,
            "opens",
            loops,
            lambda u, loop: _opens(get_feedback_loop_for_user, u, loop.pk),
            FeedbackLoop.objects.visible_to(user),
        )
        compare(
            user,
            "manages",
            loops,
            lambda u, loop: _opens(get_feedback_loop_for_user, u, loop.pk, action="manage"),
            FeedbackLoop.objects.managed_by(user),
        )
        compare(
            user,
            "answers",
            responses,
            rules.may_answer_feedback,
            FeedbackResponse.objects.answerable_by(user),
        )
        compare(
            user,
            "answers (through the page)",
            responses,
            lambda u, r: _opens(
                get_feedback_response_for_user,
                u,
                r.loop_id,
                r.cluster_participation_id,
                action="answer",
            ),
            # The page also needs the project in sight: a cluster lead always has it.
            FeedbackResponse.objects.answerable_by(user).filter(
                loop__project__in=Project.objects.visible_to(user)
            ),
        )
    assert not disagreements, "\n".join(disagreements[:40])
