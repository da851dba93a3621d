"""Project X of the enquiries test world (tests/enquiries/factories.py) given the
records a case study reports, through the real services: a revised LA question, a
cluster question reviewed against it, plan items and a milestone, a closed feedback
loop with an answer, log entries, meetings (a think tank and three surgeries: one
whose notes were checked and circulated, one with draft notes, one whose notes are
with the clusters to check), and brokerage of every kind."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from brokerage import services as brokerage_services
from enquiries import services
from enquiries.models import FeedbackLoop, FeedbackResponse
from enquiries.services.feedback import run_due_feedback_loops
from evidence import services as evidence_services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code
from meetings import services as meeting_services
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory

FOCUS = "Get clusters moving on Every Child Matters work."
REVISED = "How can clusters shape the county's ECM strategy for transition?"
ANSWER = "Pupils visited their secondary school twice before the summer."
PARTNER = "Harlow College"
SERVICE = "Transition mentoring"
ACTIVITY = "Brought Harlow heads together on transition"
DAY = dt.date(2026, 3, 2)
SURGERY = "Harlow surgery on transition visits"
CIRCULATED_NOTES = "Harlow will pair Year 6 and Year 7 teachers for transition visits."
DRAFT_NOTES = "Braintree first thoughts, not for anyone's eyes yet."
CHECKING_NOTES = "Both clusters agreed a shared question, still to be checked."
DRIVER = "Heads who trust each other share the work"
CHANGE_IDEA = "Pair Year 6 and Year 7 teachers"
SHARED_QUOTE = "the heads now ring each other"
CLUSTER_QUOTE = "only Harlow should read this"
BASELINE = "Agencies met the schools once a year."
REVIEW = "Agencies now join every cluster meeting."


def enrich(w) -> None:
    co_x, lead_a = w.person("co_x"), w.person("lead_a")
    project = w.project_x
    services.enquiry_revise(
        enquiry=w.enquiry("q_x"), actor=co_x, text=REVISED, rationale="Narrowed to transition."
    )
    services.alignment_review_create(
        enquiry=w.enquiry("q_a"), target=w.enquiry("q_x"), actor=co_x, rating="mostly"
    )
    today = timezone.localdate()
    item = services.plan_item_create(
        actor=co_x,
        project=project,
        plan="project",
        strand="activity",
        level="mini_macro",
        title="Launch conference",
        starts_on=today - dt.timedelta(days=30),
        due_on=today - dt.timedelta(days=2),
        status="done",
    )
    services.milestone_create(
        actor=co_x, project=project, title="Conference held", on=today, item=item
    )
    loop = services.feedback_loop_create(
        actor=co_x,
        project=project,
        title="Transition feedback",
        prompts=["What changed for pupils?"],
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    response = FeedbackResponse.objects.get(loop=loop, cluster_participation=w.part_a)
    prompt = loop.prompts.get()
    services.feedback_response_submit(actor=lead_a, response=response, answers={prompt.pk: ANSWER})
    FeedbackLoop.objects.filter(pk=loop.pk).update(
        opens_on=today - dt.timedelta(days=10), closes_on=today - dt.timedelta(days=1)
    )
    run_due_feedback_loops()
    services.log_entry_create(actor=lead_a, project=project, text="We met today.")
    services.log_entry_create(
        actor=co_x, project=project, text="Private note.", visibility="private"
    )
    meetings(w, co_x, lead_a)
    brokerage(w, co_x)
    evidence(w, co_x, lead_a)


def evidence(w, co_x, lead_a) -> None:
    """A baseline with a review, a key driver with evidence every reader may see (from
    an entry the whole project reads), and evidence from a cluster's own entry."""
    project = w.project_x
    seed_codebook(Code)
    trust = Code.objects.get(project__isnull=True, key="key_feature:trust")
    shared, kept = (
        services.log_entry_create(
            actor=lead_a, project=project, text=f"Since spring {quote}.", **where
        )
        for quote, where in (
            (SHARED_QUOTE, {"visibility": "project", "cluster": w.cluster_a}),
            (CLUSTER_QUOTE, {"visibility": "cluster", "cluster": w.cluster_a}),
        )
    )
    items = [
        evidence_services.evidence_add(
            actor=lead_a, project=project, kind="log_entry", source=entry, codes=[trust], quote=q
        )
        for entry, q in ((shared, SHARED_QUOTE), (kept, CLUSTER_QUOTE))
    ]
    evidence_services.key_driver_name(
        actor=co_x,
        project=project,
        title=DRIVER,
        narrative="Trust came first.",
        evidence=items[:1],
        code=trust,
        change_ideas=[CHANGE_IDEA],
    )
    baseline = evidence_services.baseline_record(
        actor=co_x,
        participation=w.part_a,
        aspect="Multi-agency relationships",
        narrative=BASELINE,
        described_on=DAY,
    )
    evidence_services.progress_review_record(
        actor=co_x, baseline=baseline, narrative=REVIEW, reviewed_on=timezone.localdate()
    )


def meeting(w, co_x, kind: str, title: str, days_ago: int, clusters: list):
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return meeting_services.meeting_create(
        actor=co_x,
        project=w.project_x,
        kind=kind,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Harlow teachers' centre",
        clusters=clusters,
    )


def meetings(w, co_x, lead_a) -> None:
    check_by = timezone.localdate() + dt.timedelta(days=7)
    meeting(w, co_x, "think_tank", "Transition think tank", 30, [])
    circulated = meeting(w, co_x, "surgery", SURGERY, 20, [w.cluster_a])
    notes = meeting_services.notes_save(actor=co_x, meeting=circulated, text_=CIRCULATED_NOTES)
    notes = meeting_services.notes_send(actor=co_x, notes=notes, check_by=check_by)
    meeting_services.notes_answer(actor=lead_a, check=notes.checks.get(), answer="confirmed")
    draft = meeting(w, co_x, "surgery", "Braintree surgery", 10, [w.cluster_a2])
    meeting_services.notes_save(actor=co_x, meeting=draft, text_=DRAFT_NOTES)
    checking = meeting(
        w, co_x, "surgery", "Harlow and Braintree surgery", 5, [w.cluster_a, w.cluster_a2]
    )
    notes = meeting_services.notes_save(actor=co_x, meeting=checking, text_=CHECKING_NOTES)
    meeting_services.notes_send(actor=co_x, notes=notes, check_by=check_by)


def brokerage(w, co_x) -> None:
    brokerage_services.activity_record(
        actor=co_x,
        la=w.la_x,
        role="relationships",
        activity="build_trust",
        summary=ACTIVITY,
        happened_on=DAY,
        clusters=[w.cluster_a],
    )
    partner = brokerage_services.partner_create(
        actor=co_x, la=w.la_x, name=PARTNER, sector="college"
    )
    brokerage_services.partnership_create(
        actor=co_x, partner=partner, cluster=w.cluster_a, purpose="Taster days"
    )
    brokerage_services.resource_allocate(
        actor=co_x,
        la=w.la_x,
        cluster=w.cluster_a,
        source="pooled",
        amount="12000",
        fund_holder="school",
        fund_holder_name="Oak Primary",
        purpose="Supply cover for visits",
        allocated_on=DAY,
    )
    provider = brokerage_services.partner_create(
        actor=co_x, la=w.la_x, name="Learning Partners Ltd", sector="private_provider"
    )
    service = brokerage_services.service_commission(
        actor=co_x,
        la=w.la_x,
        cluster=w.cluster_a,
        provider=provider,
        title=SERVICE,
        schools=[w.school_oak],
        starts_on=DAY,
        cost="5000",
    )
    brokerage_services.impact_review_record(
        actor=co_x,
        service=service,
        reviewed_on=DAY,
        findings="Pupils settled sooner.",
        value_for_money="good",
    )


def grow(w, n: int) -> None:
    """n more clusters in project X, each with a question, a resource, an activity and
    a surgery with circulated notes: for comparing query counts of a small and a
    larger project."""
    co_x, staff = w.person("co_x"), w.person("staff")
    for i in range(n):
        cluster = ClusterFactory(name=f"Extra cluster {i}", host_la=w.la_x)
        school = SchoolFactory(la=w.la_x)
        MembershipFactory(cluster=cluster, school=school, is_lead=True)
        part = services.cluster_join_project(actor=co_x, project=w.project_x, cluster=cluster)
        services.enquiry_create(
            actor=staff, cluster_participation=part, text=f"What will cluster {i} learn?"
        )
        brokerage_services.resource_allocate(
            actor=co_x,
            la=w.la_x,
            cluster=cluster,
            source="la_core",
            amount="100",
            fund_holder="la",
            purpose="Release time",
            allocated_on=DAY,
        )
        brokerage_services.activity_record(
            actor=co_x,
            la=w.la_x,
            role="membership",
            activity="raise_awareness",
            summary=f"Awareness session {i}",
            happened_on=DAY,
            clusters=[cluster],
        )
        surgery = meeting(w, co_x, "surgery", f"Surgery {i}", 40 + i, [cluster])
        notes = meeting_services.notes_save(actor=co_x, meeting=surgery, text_=f"Notes {i}.")
        notes = meeting_services.notes_send(
            actor=co_x, notes=notes, check_by=timezone.localdate() + dt.timedelta(days=7)
        )
        meeting_services.circulate(notes)
