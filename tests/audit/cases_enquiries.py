"""The audit table's rows for the enquiries services (and their helpers)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from enquiries import services
from enquiries.models import (
    AlignmentRating,
    Facilitation,
    FeedbackLoop,
    FeedbackResponse,
    Milestone,
    PlanItem,
)
from networks.models import AuditEntry
from tests.factories import ClusterFactory, MembershipFactory, ProjectFactory, SchoolFactory
from tests.files import PDF, PNG


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


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
ENQUIRY_CASES = [
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
]
