"""Every service that changes data writes its AuditEntry, in its own transaction.

One row per service below: call it through the enquiries test world and check the
entries it wrote (action codes, actor, the object, the LA whose trail it joins). A
table test fails when a service exists that the table does not name, so a new
service cannot ship without its audit entry being checked.
"""

from __future__ import annotations

import datetime as dt
import inspect
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from brokerage import services as brokerage_services
from enquiries import services
from enquiries.models import (
    AlignmentRating,
    Facilitation,
    FeedbackLoop,
    FeedbackResponse,
    Milestone,
    PlanItem,
)
from evidence import services as evidence_services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code
from meetings import services as meeting_services
from networks import account_services, cluster_services
from networks import services as network_services
from networks.gias import import_register
from networks.models import AuditEntry, Cluster, Invitation, Membership, Role
from notifications import services as notification_services
from notifications.services import notification_preferences_update
from reports import services as report_services
from reports.models import ReportBuild
from tests.enquiries.factories import shared_world
from tests.factories import ClusterFactory, MembershipFactory, ProjectFactory, SchoolFactory
from tests.files import PDF, PNG

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def _link(w):
    return services.enquiry_link(enquiry=w.enquiry("q_a"), target=w.kq1, actor=w.person("lead_a"))


def _unlink(w):
    _link(w)
    AuditEntry.objects.all().delete()
    services.enquiry_unlink(enquiry=w.enquiry("q_a"), target=w.kq1, actor=w.person("lead_a"))


def _submitted(w, name="q_a", owner="lead_a"):
    services.enquiry_submit(enquiry=w.enquiry(name), actor=w.person(owner))
    AuditEntry.objects.all().delete()
    return w.enquiry(name)


def _new_cluster(w):
    cluster = ClusterFactory(name="Epping cluster", host_la=w.la_x)
    MembershipFactory(cluster=cluster, school=SchoolFactory(la=w.la_x))
    return cluster


def _accept(w):
    invitation = network_services.invitation_create(
        inviter=w.person("co_x"),
        email="new@example.org",
        name="New Person",
        role=Role.LA_OFFICER,
        la=w.la_x,
    )
    AuditEntry.objects.all().delete()
    network_services.invitation_accept(invitation=invitation, name="New Person", password="x" * 14)


def _invited(w):
    network_services.invitation_create(
        inviter=w.person("co_x"),
        email="hazel.again@example.org",
        name="Hazel",
        role=Role.LA_OFFICER,
        la=w.la_x,
    )
    AuditEntry.objects.all().delete()
    return True


def _oak_in_harlow(w):
    return Membership.objects.select_related("cluster", "school").get(
        cluster=w.cluster_a, school=w.school_oak, left_on=None
    )


def _second_member(w):
    membership = MembershipFactory(cluster=w.cluster_a, school=SchoolFactory(la=w.la_x))
    return Membership.objects.select_related("cluster", "school").get(pk=membership.pk)


def _proposed(w):
    proposal = cluster_services.membership_propose(
        actor=w.person("lead_a"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_x)
    )
    AuditEntry.objects.all().delete()
    return proposal


DAY = dt.date(2025, 11, 12)


def _partner(w, name="Harlow College", sector="college"):
    return brokerage_services.partner_create(
        actor=w.person("co_x"), la=w.la_x, name=name, sector=sector
    )


def _service(w):
    return brokerage_services.service_commission(
        actor=w.person("co_x"),
        la=w.la_x,
        cluster=w.cluster_a,
        provider=_partner(w, "Learning Partners Ltd", "private_provider"),
        title="Development days",
        schools=[w.school_oak],
        starts_on=DAY,
    )


def _then(prepare, act):
    """Prepare what the service needs, forget the entries that wrote, then act."""

    def run(w):
        made = prepare(w)
        AuditEntry.objects.all().delete()
        return act(w, made)

    return run


def _item(w, **fields):
    values = {
        "plan": "project",
        "strand": "activity",
        "level": "mini_macro",
        "title": "Launch conference",
        "starts_on": date(2026, 9, 1),
        "due_on": date(2026, 9, 30),
    }
    values.update(fields)
    return services.plan_item_create(actor=w.person("co_x"), project=w.project_x, **values)


def _changed_item(w):
    item = _item(w)
    AuditEntry.objects.all().delete()
    services.plan_item_update(
        actor=w.person("co_x"),
        item=PlanItem.objects.select_related("project__la").get(pk=item.pk),
        plan="project",
        strand="activity",
        level="mini_macro",
        title="Launch conference",
        starts_on=date(2026, 9, 1),
        due_on=date(2026, 10, 15),
        status="in_progress",
    )


def _milestone(w):
    return services.milestone_create(
        actor=w.person("co_x"), project=w.project_x, title="Launch", on=date(2026, 9, 14)
    )


def _deleted_milestone(w):
    milestone = _milestone(w)
    AuditEntry.objects.all().delete()
    services.milestone_delete(
        actor=w.person("co_x"),
        milestone=Milestone.objects.select_related("project__la").get(pk=milestone.pk),
    )


def _loop(w, opens_on=None, closes_on=None):
    today = timezone.localdate()
    return services.feedback_loop_create(
        actor=w.person("co_x"),
        project=w.project_x,
        title="Check-in",
        prompts=["How is it going?"],
        opens_on=opens_on or today + timedelta(days=1),
        closes_on=closes_on or today + timedelta(days=10),
    )


def _loop_step(w, step, *, opens, closes, at):
    today = timezone.localdate()
    loop = _loop(w, today + timedelta(days=opens), today + timedelta(days=closes))
    AuditEntry.objects.all().delete()
    getattr(services, step)(loop=loop, now=timezone.now() + timedelta(days=at))


def _changed_loop(w):
    loop = _loop(w)
    AuditEntry.objects.all().delete()
    services.feedback_loop_update(
        actor=w.person("co_x"),
        loop=FeedbackLoop.objects.select_related("project__la").get(pk=loop.pk),
        title="Renamed",
        prompts=["How is it going?"],
        opens_on=loop.opens_on,
        closes_on=loop.closes_on,
    )


def _answered(w):
    loop = _loop(w, timezone.localdate())  # opens at once
    response = FeedbackResponse.objects.select_related("cluster_participation").get(
        loop=loop, cluster_participation=w.part_a
    )
    response.loop = FeedbackLoop.objects.select_related("project__la").get(pk=loop.pk)
    AuditEntry.objects.all().delete()
    services.feedback_response_submit(
        actor=w.person("lead_a"),
        response=response,
        answers={p.pk: "Well" for p in loop.prompts.all()},
    )


def _category(w, slug="planning-documents"):
    # The world's projects were set up through project_create, which seeded these.
    return w.project_x.archive_categories.get(slug=slug)


def _archive_item(w):
    item = services.archive_item_create(
        actor=w.person("lead_a"),
        project=w.project_x,
        category=_category(w),
        title="Cluster plan",
        filename="plan.pdf",
        content=PDF,
    )
    AuditEntry.objects.all().delete()
    return item


# (service, what to do, the actions it writes in order, whose trail: "x" Essex, None)
CASES = [
    ("plan_item_create", _item, ["enquiries.plan_item.created"], "x"),
    ("plan_item_update", _changed_item, ["enquiries.plan_item.changed"], "x"),
    ("milestone_create", _milestone, ["enquiries.milestone.created"], "x"),
    ("milestone_delete", _deleted_milestone, ["enquiries.milestone.deleted"], "x"),
    ("feedback_loop_create", _loop, ["enquiries.feedback_loop.created"], "x"),
    ("feedback_loop_update", _changed_loop, ["enquiries.feedback_loop.changed"], "x"),
    (
        "feedback_loop_open",
        lambda w: _loop_step(w, "feedback_loop_open", opens=1, closes=9, at=1),
        ["enquiries.feedback_loop.opened"],
        "x",
    ),
    (
        "feedback_loop_remind",
        lambda w: _loop_step(w, "feedback_loop_remind", opens=0, closes=9, at=7),
        ["enquiries.feedback_loop.reminded"],
        "x",
    ),
    (
        "feedback_loop_close",
        lambda w: _loop_step(w, "feedback_loop_close", opens=0, closes=3, at=4),
        ["enquiries.feedback_loop.closed"],
        "x",
    ),
    ("feedback_response_submit", _answered, ["enquiries.feedback_response.submitted"], "x"),
    (
        "initiative_create",
        lambda w: services.initiative_create(
            actor=w.person("national"), name="Second", las=[w.la_x], key_questions=["KQ?"]
        ),
        ["enquiries.question.created", "enquiries.initiative.created"],
        None,
    ),
    (
        "project_create",
        lambda w: services.project_create(
            actor=w.person("national"),
            initiative=services.initiative_create(
                actor=w.person("national"), name="Third", las=[w.la_w]
            ),
            la=w.la_w,
            title="Wandsworth",
            development_focus="ECM",
        ),
        [
            "enquiries.initiative.created",
            "enquiries.project.created",
            "enquiries.archive_category.seeded",
        ],
        "w",
    ),
    (
        "cluster_join_project",
        lambda w: services.cluster_join_project(
            actor=w.person("co_x"), project=w.project_x, cluster=_new_cluster(w)
        ),
        ["enquiries.participation.created"],
        "x",
    ),
    (
        "school_join_cluster",
        lambda w: services.school_join_cluster(
            actor=w.person("lead_a"),
            cluster_participation=w.part_a,
            school=w.school_oak,
            teacher_name="Ms Ash",
        ),
        ["enquiries.school_participation.created"],
        "x",
    ),
    (
        "cluster_participation_update",
        lambda w: services.cluster_participation_update(
            actor=w.person("co_x"), cluster_participation=w.part_a, ecm_outcomes=["stay_safe"]
        ),
        ["enquiries.participation.focus_changed"],
        "x",
    ),
    (
        "project_assign_facilitator",
        lambda w: services.project_assign_facilitator(
            project=w.project_x, user=w.person("co_y"), actor=w.person("national")
        ),
        ["enquiries.facilitation.assigned"],
        "x",
    ),
    (
        "initiative_assign_facilitator",
        lambda w: services.initiative_assign_facilitator(
            initiative=w.initiative, user=w.person("co_z"), actor=w.person("national")
        ),
        ["enquiries.facilitation.assigned"],
        None,
    ),
    (
        "facilitation_end",
        lambda w: services.facilitation_end(
            facilitation=Facilitation.objects.get(project=w.project_y),
            actor=w.person("national"),
        ),
        ["enquiries.facilitation.ended"],
        "y",
    ),
    (
        "enquiry_create",
        lambda w: services.enquiry_create(
            actor=w.person("national"), initiative=w.initiative, text="KQ3?"
        ),
        ["enquiries.question.created"],
        None,
    ),
    (
        "enquiry_revise",
        lambda w: services.enquiry_revise(
            enquiry=w.enquiry("q_a"), actor=w.person("lead_a"), text="Sharper?"
        ),
        ["enquiries.question.revised"],
        "x",
    ),
    (
        "enquiry_submit",
        lambda w: services.enquiry_submit(enquiry=w.enquiry("q_a"), actor=w.person("lead_a")),
        ["enquiries.question.submitted"],
        "x",
    ),
    (
        "enquiry_request_changes",
        lambda w: services.enquiry_request_changes(
            enquiry=_submitted(w), actor=w.person("co_x"), comment="Narrower, please."
        ),
        ["enquiries.question.changes_requested"],
        "x",
    ),
    (
        "enquiry_agree",
        lambda w: services.enquiry_agree(enquiry=_submitted(w), actor=w.person("co_x")),
        ["enquiries.question.agreed"],
        "x",
    ),
    (
        "enquiry_comment",
        lambda w: services.enquiry_comment(
            enquiry=w.enquiry("q_a"), actor=w.person("co_x"), text="Looks good."
        ),
        ["enquiries.question.commented"],
        "x",
    ),
    ("enquiry_link", _link, ["enquiries.question.linked"], "x"),
    ("enquiry_unlink", _unlink, ["enquiries.question.unlinked"], "x"),
    (
        "alignment_review_create",
        lambda w: services.alignment_review_create(
            enquiry=w.enquiry("q_a"),
            target=w.q_x,
            actor=w.person("co_x"),
            rating=AlignmentRating.MOSTLY,
        ),
        ["enquiries.alignment.reviewed"],
        "x",
    ),
    (
        "log_entry_create",
        lambda w: services.log_entry_create(
            actor=w.person("lead_a"),
            project=w.project_x,
            text="The surgery went well.",
            attachments=[("photo.png", PNG)],
        ),
        ["enquiries.log_entry.created"],
        "x",
    ),
    (
        "log_cadence_update",
        lambda w: services.log_cadence_update(
            actor=w.person("co_x"), project=w.project_x, cadence="weekly"
        ),
        ["enquiries.log_cadence.changed"],
        "x",
    ),
    (
        "log_reminder_preferences_update",
        lambda w: services.log_reminder_preferences_update(
            user=w.person("lead_a"), opted_out=False, snooze="week"
        ),
        ["enquiries.log_reminders.changed"],
        None,
    ),
    (
        "archive_categories_seed",
        # A project made without the services (project_create seeds its own).
        lambda w: services.archive_categories_seed(
            project=ProjectFactory(la=w.la_x), actor=w.person("co_x")
        ),
        ["enquiries.archive_category.seeded"],
        "x",
    ),
    (
        "archive_category_create",
        lambda w: services.archive_category_create(
            actor=w.person("co_x"), project=w.project_x, name="Conference materials"
        ),
        ["enquiries.archive_category.created"],
        "x",
    ),
    (
        "archive_item_create",
        lambda w: services.archive_item_create(
            actor=w.person("lead_a"),
            project=w.project_x,
            category=_category(w),
            title="Cluster plan",
            filename="plan.pdf",
            content=PDF,
        ),
        ["enquiries.archive_item.created"],
        "x",
    ),
    (
        "archive_version_add",
        lambda w: services.archive_version_add(
            actor=w.person("co_x"), item=_archive_item(w), filename="plan-v2.pdf", content=PDF
        ),
        ["enquiries.archive_item.version_added"],
        "x",
    ),
    (
        "archive_add_version",
        lambda w: services.archive_add_version(
            actor=w.person("co_x"),
            project=w.project_x,
            category_slug="surgery-notes",
            title="Surgery notes: Harlow and Braintree",
            filename="notes.pdf",
            content=PDF,
        ),
        ["enquiries.archive_item.created"],
        "x",
    ),
    (
        "invitation_create",
        lambda w: network_services.invitation_create(
            inviter=w.person("co_x"),
            email="someone@example.org",
            name="Some One",
            role=Role.CLUSTER_MEMBER,
            cluster=w.cluster_a,
        ),
        ["networks.invitation.sent"],
        "x",
    ),
    ("invitation_accept", _accept, ["networks.invitation.accepted", "networks.role.granted"], "x"),
    (
        "invitation_resend",
        lambda w: (
            network_services.invitation_resend(
                invitation=Invitation.objects.get(email="hazel.again@example.org"),
                actor=w.person("co_x"),
            )
            if _invited(w)
            else None
        ),
        ["networks.invitation.resent"],
        "x",
    ),
    (
        "notification_preferences_update",
        lambda w: notification_preferences_update(
            user=w.person("lead_a"), deliveries={"comment": "daily", "alignment": "off"}
        ),
        ["notifications.preferences.changed"],
        None,
    ),
    (
        "cluster_create",
        lambda w: cluster_services.cluster_create(
            actor=w.person("co_x"), host_la=w.la_x, name="Epping cluster"
        ),
        ["networks.cluster.created"],
        "x",
    ),
    (
        "cluster_update",
        lambda w: cluster_services.cluster_update(
            actor=w.person("co_x"),
            cluster=w.cluster_a,
            name="Harlow Learning Partnership",
            kind=Cluster.Kind.PARTNERSHIP,
        ),
        ["networks.cluster.changed"],
        "x",
    ),
    (
        "membership_add",
        lambda w: cluster_services.membership_add(
            actor=w.person("co_x"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_y)
        ),
        ["networks.membership.added"],
        "x",
    ),
    (
        "membership_end",
        lambda w: cluster_services.membership_end(
            actor=w.person("co_x"), membership=_oak_in_harlow(w)
        ),
        ["networks.membership.ended"],
        "x",
    ),
    (
        "membership_set_lead",
        lambda w: cluster_services.membership_set_lead(
            actor=w.person("co_x"), membership=_second_member(w)
        ),
        ["networks.membership.lead_changed"],
        "x",
    ),
    (
        "membership_propose",
        lambda w: cluster_services.membership_propose(
            actor=w.person("lead_a"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_x)
        ),
        ["networks.membership.proposed"],
        "x",
    ),
    (
        "membership_confirm",
        lambda w: cluster_services.membership_confirm(
            actor=w.person("co_x"), proposal=_proposed(w)
        ),
        ["networks.membership.confirmed"],
        "x",
    ),
    (
        "membership_decline",
        lambda w: cluster_services.membership_decline(
            actor=w.person("co_x"), proposal=_proposed(w), note="Not yet"
        ),
        ["networks.membership.declined"],
        "x",
    ),
    (
        "account_update",
        lambda w: account_services.account_update(user=w.person("co_x"), name="Colin X"),
        ["networks.account.changed"],
        None,
    ),
    (
        "account_password_change",
        lambda w: account_services.account_password_change(
            user=w.person("co_x"), password="a new long password"
        ),
        ["networks.account.password_changed"],
        None,
    ),
    (
        "enquiry_withdraw",
        lambda w: services.enquiry_withdraw(enquiry=_submitted(w), actor=w.person("lead_a")),
        ["enquiries.question.withdrawn"],
        "x",
    ),
    (
        "project_update",
        lambda w: services.project_update(
            actor=w.person("co_x"),
            project=w.project_x,
            development_focus="Transition, with the clusters leading.",
            status="active",
        ),
        ["enquiries.project.changed"],
        "x",
    ),
    (
        "import_register",
        lambda w: import_register(
            rows=[
                {
                    "URN": "900001",
                    "LA (code)": "881",
                    "LA (name)": "Essex",
                    "EstablishmentName": "New Primary",
                    "EstablishmentStatus (name)": "Open",
                }
            ]
        ),
        ["networks.register.imported"],
        None,
    ),
]


BROKERAGE_CASES = [
    (
        "activity_record",
        lambda w: brokerage_services.activity_record(
            actor=w.person("co_x"),
            la=w.la_x,
            role="knowledge_exchange",
            activity="other",
            summary="Opened the schools' archive to other networks",
            happened_on=DAY,
            clusters=[w.cluster_a],
        ),
        ["brokerage.activity.recorded"],
        "x",
    ),
    ("partner_create", _partner, ["brokerage.partner.created"], "x"),
    (
        "partnership_create",
        lambda w: brokerage_services.partnership_create(
            actor=w.person("co_x"), partner=_partner(w), project=w.project_x, purpose="Careers"
        ),
        ["brokerage.partner.created", "brokerage.partnership.created"],
        "x",
    ),
    (
        "partnership_set_status",
        _then(
            lambda w: brokerage_services.partnership_create(
                actor=w.person("co_x"), partner=_partner(w), cluster=w.cluster_a, purpose="Tasters"
            ),
            lambda w, partnership: brokerage_services.partnership_set_status(
                actor=w.person("officer_x_facilitating_y"), partnership=partnership, status="ended"
            ),
        ),
        ["brokerage.partnership.status_changed"],
        "x",
    ),
    (
        "resource_allocate",
        lambda w: brokerage_services.resource_allocate(
            actor=w.person("co_x"),
            la=w.la_x,
            cluster=w.cluster_a,
            source="pooled",
            amount="12000",
            fund_holder="school",
            fund_holder_name="Oak Primary",
            purpose="Intensive support for one school",
            allocated_on=DAY,
        ),
        ["brokerage.resource.allocated"],
        "x",
    ),
    (
        "service_commission",
        _service,
        ["brokerage.partner.created", "brokerage.service.commissioned"],
        "x",
    ),
    (
        "impact_review_record",
        _then(
            _service,
            lambda w, service: brokerage_services.impact_review_record(
                actor=w.person("co_x"),
                service=service,
                reviewed_on=DAY,
                findings="Better planning.",
                value_for_money="adequate",
            ),
        ),
        ["brokerage.service.reviewed"],
        "x",
    ),
    (
        "visit_record",
        lambda w: brokerage_services.visit_record(
            actor=w.person("officer_x_facilitating_y"),
            project=w.project_y,
            visited_on=DAY,
            purpose="Meet the team",
            report="Going well.",
        ),
        ["brokerage.visit.recorded"],
        "y",
    ),
    (
        "peer_review_record",
        lambda w: brokerage_services.peer_review_record(
            actor=w.person("co_x"),
            project=w.project_x,
            reviewed_on=DAY,
            reviewers="Two Kirklees officers",
            focus="The enquiry plan",
            findings="Clear and realistic.",
        ),
        ["brokerage.peer_review.recorded"],
        "x",
    ),
    (
        "knowledge_exchange_record",
        lambda w: brokerage_services.knowledge_exchange_record(
            actor=w.person("co_x"),
            la=w.la_x,
            practice="Transition passports",
            source_cluster=w.cluster_a,
            target_clusters=[w.cluster_a2],
            shared_on=DAY,
        ),
        ["brokerage.exchange.recorded"],
        "x",
    ),
]
CASES += BROKERAGE_CASES


def _meeting(w):
    start = timezone.now() + timedelta(days=3)
    return meeting_services.meeting_create(
        actor=w.person("co_x"),
        project=w.project_x,
        kind="surgery",
        title="Surgery: A and A2",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="County Hall",
        clusters=[w.cluster_a, w.cluster_a2],
    )


def _sent_notes(w):
    notes = meeting_services.notes_save(actor=w.person("co_x"), meeting=_meeting(w), text_="N")
    return meeting_services.notes_send(
        actor=w.person("co_x"), notes=notes, check_by=timezone.localdate() + timedelta(days=5)
    )


def _answer(w, notes, cluster, lead, answer="confirmed"):
    check = notes.checks.select_related("notes").get(cluster=cluster)
    return meeting_services.notes_answer(
        actor=w.person(lead), check=check, answer=answer, comment="Fix the dates"
    )


MEETING_CASES = [
    ("meeting_create", _meeting, ["meetings.meeting.created"], "x"),
    (
        "meeting_update",
        lambda w: meeting_services.meeting_update(
            actor=w.person("co_x"),
            meeting=_meeting(w),
            kind="cluster_meeting",
            title="Cluster meeting",
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=1),
            place="Hall",
        ),
        ["meetings.meeting.created", "meetings.meeting.updated"],
        "x",
    ),
    (
        "notes_save",
        lambda w: meeting_services.notes_save(
            actor=w.person("co_x"), meeting=_meeting(w), text_="Notes"
        ),
        ["meetings.meeting.created", "meetings.notes.drafted"],
        "x",
    ),
    (
        "notes_send",
        _sent_notes,
        ["meetings.meeting.created", "meetings.notes.drafted", "meetings.notes.sent"],
        "x",
    ),
    (
        "notes_answer",
        lambda w: _answer(w, _sent_notes(w), w.cluster_a, "lead_a", "corrections"),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.corrections",
        ],
        "x",
    ),
    (
        "circulate",
        lambda w: meeting_services.circulate(_sent_notes(w)),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.circulated",
            "enquiries.archive_item.created",
        ],
        "x",
    ),
    (
        "remind",
        lambda w: meeting_services.remind(_sent_notes(w)),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.reminded",
        ],
        "x",
    ),
    (
        "calendar_feed_regenerate",
        lambda w: meeting_services.calendar_feed_regenerate(actor=w.person("lead_a")),
        ["meetings.calendar_feed.regenerated"],
        None,
    ),
    (
        "calendar_feed_revoke",
        lambda w: (
            meeting_services.calendar_feed_regenerate(actor=w.person("lead_a")),
            meeting_services.calendar_feed_revoke(actor=w.person("lead_a")),
        ),
        ["meetings.calendar_feed.regenerated", "meetings.calendar_feed.revoked"],
        None,
    ),
]
CASES += MEETING_CASES


def _report_requested(w):
    return report_services.report_build_request(actor=w.person("co_x"), project=w.project_x)


def _report_stuck(w):
    build = _report_requested(w)
    ReportBuild.objects.filter(pk=build.pk).update(
        status="building", attempts=3, claim_expires_at=timezone.now() - timedelta(seconds=1)
    )
    return build


REPORT_CASES = [
    ("report_build_request", _report_requested, ["reports.build.requested"], "x"),
    (
        "report_build_run",
        _then(_report_requested, lambda w, build: report_services.report_build_run(build.pk)),
        ["enquiries.archive_item.created", "reports.build.finished"],
        "x",
    ),
    (
        "report_builds_sweep",
        _then(_report_stuck, lambda w, build: report_services.report_builds_sweep()),
        ["reports.build.failed"],
        "x",
    ),
]
CASES += REPORT_CASES


def _trust():
    seed_codebook(Code)
    return Code.objects.get(project__isnull=True, key="key_feature:trust")


def _evidence(w):
    entry = services.log_entry_create(
        actor=w.person("lead_a"),
        project=w.project_x,
        text="The heads trust each other more.",
        cluster=w.cluster_a,
    )
    return evidence_services.evidence_add(
        actor=w.person("co_x"),
        project=w.project_x,
        kind="log_entry",
        source=entry,
        codes=[_trust()],
    )


def _baseline(w):
    return evidence_services.baseline_record(
        actor=w.person("lead_a"),
        participation=w.part_a,
        aspect="Multi-agency relationships",
        narrative="Rare meetings.",
        described_on=DAY,
    )


def _driver(w, item):
    return evidence_services.key_driver_name(
        actor=w.person("co_x"), project=w.project_x, title="Trust", narrative="N", evidence=[item]
    )


EVIDENCE_CASES = [
    (
        "evidence_add",
        _then(lambda w: None, lambda w, _: _evidence(w)),
        ["enquiries.log_entry.created", "evidence.item.added"],
        "x",
    ),
    (
        "evidence_add (meeting notes)",
        _then(
            _sent_notes,
            lambda w, notes: evidence_services.evidence_add(
                actor=w.person("co_x"),
                project=w.project_x,
                kind="meeting_notes",
                source=notes.versions.get(),
                codes=[_trust()],
            ),
        ),
        ["evidence.item.added"],
        "x",
    ),
    (
        "code_create",
        lambda w: evidence_services.code_create(
            actor=w.person("co_x"), project=w.project_x, name="Transition", parent=_trust()
        ),
        ["evidence.code.created"],
        "x",
    ),
    (
        "code_memo_update",
        _then(
            lambda w: evidence_services.code_create(
                actor=w.person("co_x"), project=w.project_x, name="Transition"
            ),
            lambda w, code: evidence_services.code_memo_update(
                actor=w.person("kq_facilitator"), code=code, memo="Moving schools."
            ),
        ),
        ["evidence.code.memo_changed"],
        "x",
    ),
    ("baseline_record", _baseline, ["evidence.baseline.recorded"], "x"),
    (
        "progress_review_record",
        _then(
            _baseline,
            lambda w, baseline: evidence_services.progress_review_record(
                actor=w.person("co_x"), baseline=baseline, narrative="Better.", reviewed_on=DAY
            ),
        ),
        ["evidence.review.recorded"],
        "x",
    ),
    ("key_driver_name", _then(_evidence, _driver), ["evidence.driver.named"], "x"),
    (
        "key_driver_remove",
        _then(
            lambda w: _driver(w, _evidence(w)),
            lambda w, driver: evidence_services.key_driver_remove(
                actor=w.person("co_x"), driver=driver
            ),
        ),
        ["evidence.driver.removed"],
        "x",
    ),
]
CASES += EVIDENCE_CASES


@pytest.mark.parametrize("name, act, actions, la", CASES, ids=[case[0] for case in CASES])
def test_each_service_writes_its_audit_entries(world, name, act, actions, la):
    AuditEntry.objects.all().delete()
    act(world)
    entries = list(AuditEntry.objects.order_by("created_at", "pk"))
    assert [entry.action for entry in entries] == actions
    trail = {"x": world.la_x, "y": world.la_y, "w": world.la_w, None: None}[la]
    assert entries[-1].la == trail
    for entry in entries:
        assert entry.object_repr or entry.action == "networks.register.imported"


def test_every_service_is_in_the_table():
    """A new service needs a row above (and so an audit entry)."""
    named = {case[0] for case in CASES}
    writers = set(services.__all__) - {"EnquiryError"}
    writers |= set(brokerage_services.__all__) - {"BrokerageError"}
    writers |= set(meeting_services.__all__) - {"MeetingError", "project_people"}
    writers |= set(report_services.__all__) - {"ReportError"}
    writers |= set(evidence_services.__all__) - {"EvidenceError"}
    writers |= {
        name
        for name, function in inspect.getmembers(network_services, inspect.isfunction)
        if function.__module__ == network_services.__name__
        and name.startswith("invitation_")
        and name not in {"invitation_for_token"}
    }
    writers |= {
        name
        for name, function in inspect.getmembers(notification_services, inspect.isfunction)
        if function.__module__ == notification_services.__name__
        and name.startswith("notification_preferences")
    }
    for module in (cluster_services, account_services):
        writers |= {
            name
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and not name.startswith("_")
        }
    assert writers - named == set()


def test_the_entry_rolls_back_with_a_change_that_fails(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("mail server on fire")

    AuditEntry.objects.all().delete()
    monkeypatch.setattr(services._common, "notify", boom)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    assert not AuditEntry.objects.exists()
    assert world.enquiry("q_a").is_draft


def test_a_refused_change_writes_nothing(world):
    AuditEntry.objects.all().delete()
    with pytest.raises(services.EnquiryError):
        services.enquiry_agree(enquiry=world.enquiry("q_a"), actor=world.person("co_x"))
    assert not AuditEntry.objects.exists() and not Invitation.objects.exists()
