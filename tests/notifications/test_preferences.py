import pytest

from notifications.models import Notification, NotificationPreference
from notifications.services import notification_preferences_update
from tests.factories import UserFactory
from tests.notifications.factories import notification_for

Delivery = NotificationPreference.Delivery

IMMEDIATELY = dict.fromkeys(Notification.Category.values, "immediately")


@pytest.fixture
def person(db):
    return UserFactory(email="head@example.org", name="Ada Head")


def test_it_defaults_every_category_to_immediately(person):
    assert NotificationPreference.objects.deliveries_for(person) == {
        category: "immediately" for category in Notification.Category.values
    }
    assert NotificationPreference.objects.deliveries_for(person) == {**IMMEDIATELY}
    assert not NotificationPreference.objects.exists()


def test_it_saves_choices_and_changes_them_in_place(person):
    other = UserFactory(email="other@example.org")
    notification_preferences_update(user=person, deliveries={"review": "daily", "comment": "off"})
    notification_preferences_update(user=other, deliveries={"review": "off"})
    notification_preferences_update(user=person, deliveries={"review": "off"})
    assert NotificationPreference.objects.deliveries_for(person) == {
        **{category: "immediately" for category in Notification.Category.values},
        **IMMEDIATELY,
        "review": "off",
        "comment": "off",
    }
    assert NotificationPreference.objects.filter(user=person).count() == 2  # one per category
    assert NotificationPreference.objects.deliveries_for(other)["review"] == "off"


@pytest.mark.parametrize(
    "deliveries", [{"review": "hourly"}, {"gossip": "daily"}, {"review": "daily", "x": "off"}]
)
def test_it_refuses_unknown_values_and_saves_nothing(person, deliveries):
    with pytest.raises(ValueError):
        notification_preferences_update(user=person, deliveries=deliveries)
    assert not NotificationPreference.objects.exists()


def test_it_annotates_each_notification_with_its_recipients_choice(person):
    other = UserFactory(email="other@example.org")
    notification_preferences_update(user=person, deliveries={"review": "daily"})
    notification_preferences_update(user=other, deliveries={"comment": "off"})
    notification_for(person, key="a", category=Notification.Category.REVIEW)
    notification_for(person, key="b", category=Notification.Category.COMMENT)
    notification_for(other, key="c", category=Notification.Category.REVIEW)
    notification_for(other, key="d", category=Notification.Category.COMMENT)
    assert dict(Notification.objects.with_delivery().values_list("event_key", "delivery")) == {
        "a": "daily",
        "b": "immediately",
        "c": "immediately",
        "d": "off",
    }


def test_it_still_makes_in_app_notifications_with_email_off(person, mailoutbox):
    notification_preferences_update(
        user=person, deliveries={category: "off" for category in Notification.Category.values}
    )
    notification = notification_for(person)
    assert notification.pk and notification.read_at is None
    assert person.notifications.unread().count() == 1
