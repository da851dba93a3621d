"""Every service that changes data writes its AuditEntry, in its own transaction.

One row per service below: call it through the enquiries test world and check the
entries it wrote (action codes, actor, the object, the LA whose trail it joins). A
table test fails when a service exists that the table does not name, so a new
service cannot ship without its audit entry being checked.
"""

from __future__ import annotations

import inspect

import pytest
from django.db import transaction

from enquiries import services
from enquiries.models import AlignmentRating, Facilitation
from networks import services as network_services
from networks.gias import import_register
from networks.models import AuditEntry, Invitation, Role
from notifications import services as notification_services
from notifications.services import notification_preferences_update
from tests.enquiries.factories import shared_world
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory
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


def _category(w, slug="planning-documents"):
    services.archive_categories_seed(project=w.project_x)
    AuditEntry.objects.all().delete()
    return w.project_x.archive_categories.get(slug=slug)


def _item(w):
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
        ["enquiries.initiative.created", "enquiries.project.created"],
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
        lambda w: services.archive_categories_seed(project=w.project_x, actor=w.person("co_x")),
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
            actor=w.person("co_x"), item=_item(w), filename="plan-v2.pdf", content=PDF
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
        ["enquiries.archive_category.seeded", "enquiries.archive_item.created"],
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
