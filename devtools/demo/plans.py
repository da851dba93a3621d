"""The plans part of the demo: Essex's project plan and enquiry plan (items in the three
strands, dependencies, milestones) and its staged feedback loops, one closed with
its digest and one open now.

Built through enquiries.services, so the audit trail and notifications are real.
Dates sit around today, so the timeline always has work done, work overdue and work
to come. Run once: if Essex's project has plan items, nothing is touched. All text
is written for this demo.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from devtools.demo import register
from enquiries import services
from enquiries.models import ClusterParticipation, FeedbackLoop, FeedbackResponse, PlanItem, Project
from networks.models import User

# (key, plan, strand, level, title, cluster story or None, owner, start, due (days from
# today), status, needs)
ACT, OUT, PRO = PlanItem.Strand.ACTIVITY, PlanItem.Strand.OUTCOMES, PlanItem.Strand.PROCESSES
PROJECT, ENQUIRY = PlanItem.Plan.PROJECT, PlanItem.Plan.ENQUIRY
MACRO, MINI_MACRO, MICRO = "macro", "mini_macro", "micro"
HARLOW = register.HARLOW_CLUSTER
DENGIE = "Dengie Small Schools Cluster"
S = PlanItem.Status

# fmt: off
ITEMS = [
    ("launch", PROJECT, ACT, MINI_MACRO, "Launch conference for the eight clusters", None,
     "coleader", -240, -230, S.DONE, []),
    ("forms", PROJECT, ACT, MICRO, "Clusters return their first-thoughts forms", None,
     "consultant", -229, -200, S.DONE, ["launch"]),
    ("surgeries", PROJECT, PRO, MICRO, "Surgeries: pairs of clusters meet the LA team", None,
     "consultant", -199, -120, S.DONE, ["forms"]),
    ("notes", ENQUIRY, PRO, MINI_MACRO, "Surgery notes checked by each cluster, then circulated",
     None, "consultant", -190, -100, S.DONE, ["surgeries"]),
    ("baseline", ENQUIRY, OUT, MICRO, "Qualitative baseline of multi-agency relationships",
     HARLOW, "cluster-lead", -180, -20, S.IN_PROGRESS, ["surgeries"]),
    ("harlow-transition", PROJECT, ACT, MICRO, "Harlow: joint Year 6 to Year 7 transition days",
     HARLOW, "cluster-lead", -60, 45, S.IN_PROGRESS, ["baseline"]),
    ("dengie-arts", PROJECT, ACT, MICRO, "Dengie: shared arts week across the small schools",
     DENGIE, None, -30, 5, S.IN_PROGRESS, []),
    ("logs", ENQUIRY, PRO, MICRO, "Reflective logs kept by every cluster lead", None,
     "coleader", -200, 180, S.IN_PROGRESS, []),
    ("archive", ENQUIRY, PRO, MINI_MACRO, "Research archive categories agreed and populated",
     None, "officer", -150, -10, S.IN_PROGRESS, []),
    ("ecm-strategy", PROJECT, OUT, MINI_MACRO, "Cluster work feeds the county's ECM strategy",
     None, "coleader", 30, 200, S.NOT_STARTED, ["harlow-transition", "logs"]),
    ("key-drivers", ENQUIRY, OUT, MACRO, "Four or five key drivers of effective cluster working",
     None, "coleader", 120, 230, S.NOT_STARTED, ["ecm-strategy"]),
    ("av-logs", ENQUIRY, ACT, MICRO, "Media team records each cluster's audio-visual log", None,
     None, -90, -40, S.DROPPED, []),
]
# fmt: on

MILESTONES = [
    ("Launch conference", -235, None),
    ("Interim report to the core contact group", 60, None),
    ("Harlow transition evidence shared", 40, "harlow-transition"),
    ("Case study drafted", 240, None),
]

PROMPTS = [
    "What has changed in how your schools work together this term?",
    "What evidence are you collecting against your baseline?",
    "What should the LA do differently to support your cluster?",
]


def _user(name: str | None) -> User | None:
    return User.objects.get(email=register.demo_email(name)) if name else None


def _participations(project: Project) -> dict[str, ClusterParticipation]:
    return {
        p.cluster.name: p
        for p in ClusterParticipation.objects.filter(project=project).select_related("cluster")
    }


def build(project: Project) -> list[str]:
    today = timezone.localdate()
    coleader = _user("coleader")
    assert coleader is not None
    participations = _participations(project)
    made: dict[str, PlanItem] = {}
    for key, plan, strand, level, title, story, owner, start, due, status, needs in ITEMS:
        participation = participations.get(story) if story else None
        made[key] = services.plan_item_create(
            actor=coleader,
            project=project,
            plan=plan,
            strand=strand,
            level=level,
            title=title,
            cluster_participation=participation,
            owner=_user(owner),
            starts_on=today + dt.timedelta(days=start),
            due_on=today + dt.timedelta(days=due),
            status=status,
            needs=[made[other] for other in needs],
        )
    for title, day, item in MILESTONES:
        services.milestone_create(
            actor=coleader,
            project=project,
            title=title,
            on=today + dt.timedelta(days=day),
            item=made[item] if item else None,
        )
    _closed_loop(project, coleader, participations)
    services.feedback_loop_create(
        actor=coleader,
        project=project,
        title="Spring term: is the enquiry shaping the work?",
        prompts=PROMPTS,
        opens_on=today,
        closes_on=today + dt.timedelta(days=14),
    )
    return [f"Essex plans: {len(made)} plan items, {len(MILESTONES)} milestones, 2 feedback loops."]


def _closed_loop(project: Project, coleader: User, participations) -> None:
    """Autumn's loop: asked and answered by three clusters, then closed with its digest.
    Made open today through the services, answered, then moved back to last term and
    closed by the tick's own service."""
    today = timezone.localdate()
    loop = services.feedback_loop_create(
        actor=coleader,
        project=project,
        title="Autumn term: first reflections",
        prompts=PROMPTS[:2],
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    loop = FeedbackLoop.objects.select_related("project__la", "project__initiative").get(pk=loop.pk)
    prompts = list(loop.prompts.all())
    answered = [HARLOW, DENGIE, "Colchester Schools Federation"]
    for name in answered:
        participation = participations.get(name)
        if participation is None:
            continue
        response = FeedbackResponse.objects.select_related("cluster_participation").get(
            loop=loop, cluster_participation=participation
        )
        response.loop = loop
        lead = User.objects.get(email=_lead_email(name))
        services.feedback_response_submit(
            actor=lead,
            response=response,
            answers={
                prompts[0].pk: f"{name}: headteachers now plan one joint day a half-term.",
                prompts[1].pk: "Pupil voice interviews and our multi-agency baseline notes.",
            },
        )
    FeedbackLoop.objects.filter(pk=loop.pk).update(
        opens_on=today - dt.timedelta(days=60), closes_on=today - dt.timedelta(days=40)
    )
    services.feedback_loop_close(loop=loop)


def _lead_email(cluster_name: str) -> str:
    from devtools.demo.enquiries import lead_email

    return lead_email(cluster_name)


def seed_plans() -> list[str]:
    project = Project.objects.filter(la__code=register.ESSEX).order_by("pk").first()
    if project is None:
        return []
    if PlanItem.objects.filter(project=project).exists():
        return ["Essex plans already there: left as they are."]
    with transaction.atomic():
        return build(project)
