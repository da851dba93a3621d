"""Every admin page opens: the list and the change page of every registered model (and
the add page where adding is allowed), as a superuser, with real rows in each."""

from __future__ import annotations

import pytest
from axes.models import AccessFailureLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from enquiries import services
from networks.models import AuditEntry, Invitation, Role
from notifications.models import EmailDigest
from notifications.services import notification_preferences_update
from reports.services import report_build_request
from tests.enquiries.factories import shared_world
from tests.evidence.factories import add_sample_evidence

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture
def superuser_client(client, world):
    from networks import services as network_services

    # A row for every registered model: the world has most; add the rest.
    network_services.invitation_create(
        inviter=world.person("co_x"),
        email="invited@example.org",
        name="Invited Person",
        role=Role.LA_OFFICER,
        la=world.la_x,
    )
    EmailDigest.objects.create(recipient=world.co_x)
    Group.objects.create(name="Back office")
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"), target=world.q_x, actor=world.person("co_x"), rating="partly"
    )
    notification_preferences_update(user=world.co_x, deliveries={"comment": "daily"})
    _add_meeting(world)
    report_build_request(actor=world.person("co_x"), project=world.project_x)
    # A failed sign-in, so the lockout's own tables have rows too.
    client.post(reverse("sign_in"), {"username": "co_x@example.org", "password": "wrong"})
    # Its failure log is off in our settings; the admin still lists it, so give it a row.
    AccessFailureLog.objects.create(
        username="co_x@example.org", ip_address="127.0.0.1", user_agent="test", path_info="/"
    )
    # Evidence: a coded log entry, a baseline with a review, a key driver.
    add_sample_evidence(world)
    staff = world.person("staff")
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def _add_meeting(world) -> None:
    import datetime as dt

    from django.utils import timezone

    from meetings import services as meeting_services

    co_x = world.person("co_x")
    start = timezone.now()
    meeting = meeting_services.meeting_create(
        actor=co_x,
        project=world.project_x,
        kind="surgery",
        title="Surgery",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Hall",
        clusters=[world.cluster_a],
    )
    notes = meeting_services.notes_save(actor=co_x, meeting=meeting, text_="Notes")
    meeting_services.notes_send(actor=co_x, notes=notes, check_by=timezone.localdate())
    meeting_services.calendar_feed_regenerate(actor=co_x)


@pytest.mark.parametrize("model", MODELS, ids=[model._meta.label for model in MODELS])
def test_it_opens_every_admin_page(superuser_client, model):
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert superuser_client.get(changelist).status_code == 200
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {meta.label} row to open"
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    response = superuser_client.get(change)
    assert response.status_code == 200, response.content[:500]
    if admin.site._registry[model].has_add_permission(response.wsgi_request):
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        assert superuser_client.get(add).status_code == 200


def test_every_model_has_a_row(world, superuser_client):
    assert Invitation.objects.exists() and AuditEntry.objects.exists()
