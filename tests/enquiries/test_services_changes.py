"""Withdrawing a submitted question, and changing a project after set-up
(enquiries.services.enquiry_withdraw, project_update)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from enquiries import services
from enquiries.models import Enquiry, EnquiryEvent, Project
from networks.models import AuditEntry
from notifications.models import Notification
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture(autouse=True)
def no_entries_yet(world):
    """Building the world wrote entries; each test reads only its own."""
    AuditEntry.objects.all().delete()


def submitted(world, name="q_a", owner="lead_a"):
    services.enquiry_submit(enquiry=world.enquiry(name), actor=world.person(owner))
    AuditEntry.objects.all().delete()
    return world.enquiry(name)


# --- enquiry_withdraw -----------------------------------------------------------------


def test_the_owner_withdraws_a_submitted_question_to_draft(world):
    enquiry = submitted(world)
    event = services.enquiry_withdraw(
        enquiry=enquiry, actor=world.person("lead_a"), comment="Sharpening it."
    )
    assert world.enquiry("q_a").is_draft
    assert (event.kind, event.comment) == (EnquiryEvent.Kind.WITHDRAWN, "Sharpening it.")
    [entry] = AuditEntry.objects.all()
    assert entry.action == "enquiries.question.withdrawn"
    assert entry.changes["status"] == ["submitted", "draft"] and entry.la == world.la_x


def test_the_reviewers_are_told_with_the_comment(world):
    enquiry = submitted(world)
    services.enquiry_withdraw(enquiry=enquiry, actor=world.person("lead_a"), comment="Not yet.")
    told = Notification.objects.filter(subject__startswith="Withdrawn from review")
    recipients = {n.recipient for n in told}
    assert world.co_x in recipients and world.kq_facilitator in recipients
    assert world.lead_a not in recipients
    assert all("Comment:\nNot yet." in n.body for n in told)


@pytest.mark.parametrize(
    "state, message",
    [
        ("draft", "nothing to withdraw"),
        ("agreed", "already been agreed"),
    ],
)
def test_it_refuses_what_is_not_with_the_reviewers(world, state, message):
    enquiry = world.enquiry("q_a")
    if state == "agreed":
        enquiry = submitted(world)
        services.enquiry_agree(enquiry=enquiry, actor=world.person("co_x"))
        AuditEntry.objects.all().delete()
    with pytest.raises(services.EnquiryError, match=message):
        services.enquiry_withdraw(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    assert world.enquiry("q_a").status == state and not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["co_x", "school_contact", "outsider"])
def test_only_its_writers_withdraw_it(world, who):
    enquiry = submitted(world)
    with pytest.raises(PermissionDenied):
        services.enquiry_withdraw(enquiry=enquiry, actor=world.person(who))
    assert world.enquiry("q_a").is_with_reviewers


def test_the_model_says_when_it_can_be_withdrawn(world):
    assert not world.enquiry("q_a").can_be_withdrawn
    assert submitted(world).can_be_withdrawn


# --- project_update -------------------------------------------------------------------


def test_a_coleader_changes_the_project_with_before_and_after(world):
    project = Project.objects.select_related("la", "initiative").get(pk=world.project_x.pk)
    changes = services.project_update(
        actor=world.person("co_x"),
        project=project,
        development_focus="Transition, led by the clusters.",
        status=Project.Status.ACTIVE,
        starts_on=date(2025, 9, 1),
        ends_on=date(2027, 7, 31),
    )
    assert changes["status"] == ["planning", "active"]
    assert changes["starts_on"] == [None, date(2025, 9, 1)]
    project.refresh_from_db()
    assert project.development_focus == "Transition, led by the clusters."
    [entry] = AuditEntry.objects.all()
    assert entry.action == "enquiries.project.changed" and entry.la == world.la_x
    assert (
        entry.changes["development_focus"][0] == "Get clusters moving on Every Child Matters work."
    )


def test_it_writes_nothing_when_nothing_changed(world):
    project = world.project_x
    assert (
        services.project_update(
            actor=world.person("co_x"),
            project=project,
            development_focus=project.development_focus,
            status=project.status,
        )
        == {}
    )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"development_focus": "  "}, "Describe the development focus"),
        ({"status": "paused"}, "Choose the project's status"),
        ({"starts_on": date(2026, 1, 1), "ends_on": date(2025, 1, 1)}, "cannot end before"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(world, fields, message):
    data = {"development_focus": "Something", "status": "active", **fields}
    with pytest.raises(services.EnquiryError, match=message):
        services.project_update(actor=world.person("co_x"), project=world.project_x, **data)
    project = Project.objects.get(pk=world.project_x.pk)
    assert project.status == "planning" and not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["lead_a", "co_y", "officer_x_facilitating_y"])
def test_only_its_managers_change_it(world, who):
    with pytest.raises(PermissionDenied):
        services.project_update(
            actor=world.person(who),
            project=world.project_x,
            development_focus="Taken over",
            status="active",
        )
    assert Project.objects.get(pk=world.project_x.pk).status == "planning"


def test_a_withdrawn_question_is_a_draft_again_for_lists(world):
    services.enquiry_withdraw(enquiry=submitted(world), actor=world.person("lead_a"))
    assert Enquiry.objects.filter(pk=world.q_a.pk, status="draft").exists()
