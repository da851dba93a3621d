"""Access-matrix rows for a project's plans, timeline and feedback loops: see matrix.py,
and world.py for who is who.

add_plans below gives the Essex project a project-wide item and one of the Harlow
cluster's, a milestone on each, and three feedback loops asking the Harlow cluster:
one not open yet, one open, one closed.

* Everyone who sees the Essex project (everyone but the outsider) reads its plans,
  timeline, CSV, loops and digests.
* Its managers (staff, the national team, Essex's co-leader) add and change every
  item and milestone and set up loops; the Harlow cluster lead adds and changes the
  cluster's items and the milestones on them (403 for the project's own).
* Only the cluster's lead answers for it (not staff, not the co-leader who asked);
  a late answer is refused with a message (302 back to the loop).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from enquiries.models import (
    FeedbackLoop,
    FeedbackPrompt,
    FeedbackResponse,
    Milestone,
    PlanItem,
)

from .matrix import ANONYMOUS, LOGIN, Row, with_audit_effects
from .world import extend_world

MANAGERS = ("staff", "national_facilitator", "la_coleader")
CLUSTER_PLANNERS = (*MANAGERS, "cluster_lead")
READERS = {ANONYMOUS: LOGIN, "outsider": 404}
OTHER_LA = {
    ANONYMOUS: LOGIN,
    "staff": 200,
    "national_facilitator": 200,
    "la_facilitator": 200,
    "outsider": 200,
}


def only(names, answer) -> dict:
    return {ANONYMOUS: LOGIN, "outsider": 404, **{name: answer for name in names}}


def _loop(w, title, opens, closes, **state) -> FeedbackLoop:
    today = timezone.localdate()
    loop = FeedbackLoop.objects.create(
        project=w.project,
        title=title,
        all_clusters=False,
        opens_on=today + dt.timedelta(days=opens),
        closes_on=today + dt.timedelta(days=closes),
        **state,
    )
    FeedbackPrompt.objects.create(loop=loop, position=1, text="How is it going?")
    FeedbackPrompt.objects.create(loop=loop, position=2, text="What have you learned?")
    FeedbackResponse.objects.create(loop=loop, cluster_participation=w.participation)
    return loop


@extend_world
def add_plans(w) -> None:
    w.plan_item = PlanItem.objects.create(
        project=w.project,
        plan="project",
        strand="activity",
        level="mini_macro",
        title="County conference",
        starts_on=dt.date(2026, 9, 1),
        due_on=dt.date(2026, 9, 30),
    )
    w.cluster_item = PlanItem.objects.create(
        project=w.project,
        plan="enquiry",
        strand="processes",
        level="micro",
        title="Harlow surgeries",
        cluster_participation=w.participation,
        starts_on=dt.date(2026, 10, 1),
        due_on=dt.date(2026, 11, 30),
    )
    w.other_item = PlanItem.objects.create(
        project=w.other_project,
        plan="project",
        strand="activity",
        level="mini_macro",
        title="Corby conference",
        starts_on=dt.date(2026, 9, 1),
        due_on=dt.date(2026, 9, 30),
    )
    w.milestone = Milestone.objects.create(
        project=w.project, title="Launch", on=dt.date(2026, 9, 14)
    )
    w.cluster_milestone = Milestone.objects.create(
        project=w.project, title="Harlow report", on=dt.date(2026, 11, 1), item=w.cluster_item
    )
    now = timezone.now()
    w.later_loop = _loop(w, "Summer check-in", 5, 20)
    w.open_loop = _loop(w, "Spring check-in", -1, 7, opened_at=now)
    w.closed_loop = _loop(w, "Autumn check-in", -20, -2, opened_at=now, closed_at=now)


def item_data(w, **extra) -> dict:
    data = {
        "plan": "project",
        "strand": "activity",
        "level": "micro",
        "title": "Harlow transition visits",
        "cluster": str(w.participation.pk),
        "owner": "",
        "starts_on_0": "1",
        "starts_on_1": "9",
        "starts_on_2": "2026",
        "due_on_0": "30",
        "due_on_1": "9",
        "due_on_2": "2026",
        "status": "in_progress",
    }
    data.update(extra)
    return data


def loop_data(w) -> dict:
    today = timezone.localdate() + dt.timedelta(days=3)
    closes = today + dt.timedelta(days=14)
    return {
        "title": "Check-in",
        "prompt_1": "How is it going?",
        "opens_on_0": str(today.day),
        "opens_on_1": str(today.month),
        "opens_on_2": str(today.year),
        "closes_on_0": str(closes.day),
        "closes_on_1": str(closes.month),
        "closes_on_2": str(closes.year),
        "audience": "all",
    }


def answers(loop) -> dict:
    return {f"answer_{p.pk}": "Going well" for p in loop.prompts.all()}


ROWS: list[Row] = [
    # --- The timeline and its CSV
    Row("enquiries:plan_timeline", args=lambda w: [w.project.pk], expect=READERS),
    Row(
        "enquiries:plan_timeline",
        args=lambda w: [w.other_project.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row(
        "enquiries:plan_timeline",
        args=lambda w: [w.project.pk],
        query={"strand": "outcomes", "cluster": "x"},
        expect=READERS,
        label="bad filter",
    ),
    Row("enquiries:plan_timeline", args=lambda w: [w.project.pk], method="post", default=405),
    Row("enquiries:plan_timeline_csv", args=lambda w: [w.project.pk], expect=READERS),
    Row(
        "enquiries:plan_timeline_csv",
        args=lambda w: [w.other_project.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row("enquiries:plan_timeline_csv", args=lambda w: [w.project.pk], method="post", default=405),
    # --- Adding, reading and changing items
    Row(
        "enquiries:plan_item_create",
        args=lambda w: [w.project.pk],
        expect=only(CLUSTER_PLANNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:plan_item_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=item_data,
        expect=only(CLUSTER_PLANNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:plan_item_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: item_data(w, cluster=""),
        # The cluster lead plans only for their cluster: the form says so.
        expect={**only(MANAGERS, 302), "cluster_lead": 200},
        default=403,
        label="whole project",
    ),
    Row("enquiries:plan_item_create", args=lambda w: [w.project.pk], method="put", default=405),
    Row("enquiries:plan_item_detail", args=lambda w: [w.plan_item.pk], expect=READERS),
    Row(
        "enquiries:plan_item_detail",
        args=lambda w: [w.other_item.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row(
        "enquiries:plan_item_detail",
        args=lambda w: [999999],
        expect={ANONYMOUS: LOGIN},
        default=404,
        label="no such item",
    ),
    Row("enquiries:plan_item_detail", args=lambda w: [w.plan_item.pk], method="post", default=405),
    Row(
        "enquiries:plan_item_edit",
        args=lambda w: [w.cluster_item.pk],
        expect=only(CLUSTER_PLANNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:plan_item_edit",
        args=lambda w: [w.cluster_item.pk],
        method="post",
        data=item_data,
        expect=only(CLUSTER_PLANNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:plan_item_edit",
        args=lambda w: [w.plan_item.pk],
        expect=only(MANAGERS, 200),
        default=403,
        label="project's item",
    ),
    Row(
        "enquiries:plan_item_edit",
        args=lambda w: [w.plan_item.pk],
        method="post",
        data=lambda w: item_data(w, cluster=""),
        expect=only(MANAGERS, 302),
        default=403,
        label="project's item",
    ),
    Row("enquiries:plan_item_edit", args=lambda w: [w.plan_item.pk], method="put", default=405),
    # --- Milestones
    Row(
        "enquiries:milestone_create",
        args=lambda w: [w.project.pk],
        expect=only(CLUSTER_PLANNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:milestone_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"title": "Report", "on_0": "1", "on_1": "10", "on_2": "2026", "item": ""},
        # A project milestone is the managers'; the cluster lead's form asks for an item.
        expect={**only(MANAGERS, 302), "cluster_lead": 200},
        default=403,
        label="project's",
    ),
    Row(
        "enquiries:milestone_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {
            "title": "Report",
            "on_0": "1",
            "on_1": "10",
            "on_2": "2026",
            "item": str(w.cluster_item.pk),
        },
        expect=only(CLUSTER_PLANNERS, 302),
        default=403,
        label="on the cluster's item",
    ),
    Row("enquiries:milestone_create", args=lambda w: [w.project.pk], method="put", default=405),
    Row(
        "enquiries:milestone_delete",
        args=lambda w: [w.milestone.pk],
        expect=only(MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:milestone_delete",
        args=lambda w: [w.milestone.pk],
        method="post",
        expect=only(MANAGERS, 302),
        default=403,
    ),
    Row(
        "enquiries:milestone_delete",
        args=lambda w: [w.cluster_milestone.pk],
        method="post",
        expect=only(CLUSTER_PLANNERS, 302),
        default=403,
        label="on the cluster's item",
    ),
    Row("enquiries:milestone_delete", args=lambda w: [w.milestone.pk], method="put", default=405),
    # --- Feedback loops
    Row("enquiries:feedback_loop_list", args=lambda w: [w.project.pk], expect=READERS),
    Row(
        "enquiries:feedback_loop_list",
        args=lambda w: [w.other_project.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row("enquiries:feedback_loop_list", args=lambda w: [w.project.pk], method="post", default=405),
    Row(
        "enquiries:feedback_loop_create",
        args=lambda w: [w.project.pk],
        expect=only(MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:feedback_loop_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=loop_data,
        expect=only(MANAGERS, 302),
        default=403,
    ),
    Row("enquiries:feedback_loop_create", args=lambda w: [w.project.pk], method="put", default=405),
    Row("enquiries:feedback_loop_detail", args=lambda w: [w.open_loop.pk], expect=READERS),
    Row(
        "enquiries:feedback_loop_detail",
        args=lambda w: [w.closed_loop.pk],
        expect=READERS,
        label="closed",
    ),
    Row(
        "enquiries:feedback_loop_detail",
        args=lambda w: [w.open_loop.pk],
        method="post",
        default=405,
    ),
    Row(
        "enquiries:feedback_loop_edit",
        args=lambda w: [w.later_loop.pk],
        expect=only(MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:feedback_loop_edit",
        args=lambda w: [w.later_loop.pk],
        method="post",
        data=loop_data,
        expect=only(MANAGERS, 302),
        default=403,
    ),
    Row(
        "enquiries:feedback_loop_edit",
        args=lambda w: [w.open_loop.pk],
        # Opened: sent back to the loop with a message.
        expect=only(MANAGERS, 302),
        default=403,
        label="opened",
    ),
    Row(
        "enquiries:feedback_loop_edit", args=lambda w: [w.later_loop.pk], method="put", default=405
    ),
    Row(
        "enquiries:feedback_response",
        args=lambda w: [w.open_loop.pk, w.participation.pk],
        expect=only(["cluster_lead"], 200),
        default=403,
    ),
    Row(
        "enquiries:feedback_response",
        args=lambda w: [w.open_loop.pk, w.participation.pk],
        method="post",
        data=lambda w: answers(w.open_loop),
        expect=only(["cluster_lead"], 302),
        default=403,
    ),
    Row(
        "enquiries:feedback_response",
        args=lambda w: [w.closed_loop.pk, w.participation.pk],
        method="post",
        data=lambda w: answers(w.closed_loop),
        # Refused with "This feedback loop closed on …", back to the loop.
        expect=only(["cluster_lead"], 302),
        default=403,
        label="closed",
    ),
    Row(
        "enquiries:feedback_response",
        args=lambda w: [w.open_loop.pk, 999999],
        expect={ANONYMOUS: LOGIN},
        default=404,
        label="cluster not asked",
    ),
    Row(
        "enquiries:feedback_response",
        args=lambda w: [w.open_loop.pk, w.participation.pk],
        method="put",
        default=405,
    ),
    Row("enquiries:feedback_loop_digest", args=lambda w: [w.closed_loop.pk], expect=READERS),
    Row(
        "enquiries:feedback_loop_digest",
        args=lambda w: [w.open_loop.pk],
        expect=READERS,
        label="not closed yet",
    ),
    Row(
        "enquiries:feedback_loop_digest",
        args=lambda w: [w.closed_loop.pk],
        method="post",
        default=405,
    ),
]

# What each successful write does (see with_audit_effects).
ROWS = with_audit_effects(
    ROWS,
    {
        "enquiries:plan_item_create": "enquiries.plan_item.created",
        "enquiries:plan_item_edit": "enquiries.plan_item.changed",
        "enquiries:milestone_create": "enquiries.milestone.created",
        "enquiries:milestone_delete": "enquiries.milestone.deleted",
        "enquiries:feedback_loop_create": "enquiries.feedback_loop.created",
        "enquiries:feedback_loop_edit": "enquiries.feedback_loop.changed",
        "enquiries:feedback_response": "enquiries.feedback_response.",
    },
    # A late answer is refused with a message on the loop's page.
    changing_nothing=("closed",),
)
