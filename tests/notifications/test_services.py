import pytest

from notifications.models import Notification
from notifications.services import notify
from tests.factories import UserFactory


@pytest.fixture
def people(db):
    return [UserFactory() for _ in range(3)]


def test_it_notifies_each_recipient_once_and_skips_the_actor(
    people, django_capture_on_commit_callbacks
):
    actor, *others = people
    with django_capture_on_commit_callbacks() as callbacks:
        ids = notify(
            recipients=people,
            actor=actor,
            category="review",
            event_key="enquiry-event:7",
            subject="Please review",
            body="Body",
            url="/enquiries/7/",
        )
        again = notify(
            recipients=people,
            actor=actor,
            category="review",
            event_key="enquiry-event:7",
            subject="Please review",
        )
    assert set(Notification.objects.values_list("recipient", flat=True)) == {p.pk for p in others}
    assert sorted(ids) == sorted(Notification.objects.values_list("pk", flat=True))
    assert sorted(again) == sorted(ids)  # unemailed yet: the catch-up would send them once
    assert Notification.objects.count() == 2
    assert len(callbacks) == 2  # each a task that claims before sending


def test_it_accepts_a_queryset_and_does_nothing_for_nobody(
    people, django_capture_on_commit_callbacks
):
    from networks.models import User

    with django_capture_on_commit_callbacks() as callbacks:
        assert (
            notify(recipients=User.objects.none(), category="review", event_key="k", subject="s")
            == []
        )
        assert (
            len(
                notify(recipients=User.objects.all(), category="review", event_key="k", subject="s")
            )
            == 3
        )
    assert len(callbacks) == 1


def test_it_queues_no_email_when_the_transaction_rolls_back(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(recipients=people, category="review", event_key="k", subject="s")
                raise RuntimeError
        except RuntimeError:
            pass
    assert not Notification.objects.exists()
    assert mailoutbox == []
