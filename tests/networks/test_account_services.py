"""A person's own account (networks.account_services): effects, refusals, audit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from networks import account_services as services
from networks.models import AuditEntry, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_changes_details_and_records_before_and_after(db):
    user = UserFactory(name="Ann Example", organisation="Essex CC", job_title="")
    changes = services.account_update(user=user, name="Ann  Example-Smith", organisation="Essex CC")
    assert changes == {"name": ["Ann Example", "Ann Example-Smith"]}
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor, entry.object_id) == (
        "networks.account.changed",
        user,
        str(user.pk),
    )


def test_nothing_changed_writes_nothing(db):
    user = UserFactory(name="Ann Example", organisation="", job_title="")
    assert services.account_update(user=user, name="Ann Example") == {}
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "   "}, "Enter your full name"),
        ({"name": "Ann", "job_title": "Head\x00teacher"}, "control characters"),
    ],
)
def test_it_refuses_bad_details(db, fields, message):
    user = UserFactory(name="Ann Example")
    with pytest.raises(services.AccountError, match=message):
        services.account_update(user=user, **fields)
    assert User.objects.get(pk=user.pk).name == "Ann Example"
    assert not AuditEntry.objects.exists()


def test_it_changes_the_password_without_recording_it(db):
    user = UserFactory()
    services.account_password_change(user=user, password="three unrelated words")
    assert User.objects.get(pk=user.pk).check_password("three unrelated words")
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.account.password_changed" and entry.changes == {}


@pytest.mark.parametrize("who", ["anonymous", "inactive"])
def test_only_a_signed_in_person_changes_their_own_account(db, who):
    user = AnonymousUser() if who == "anonymous" else UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.account_update(user=user, name="Someone")
    with pytest.raises(PermissionDenied):
        services.account_password_change(user=user, password="three unrelated words")
    assert not AuditEntry.objects.exists()
