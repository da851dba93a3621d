"""Notifications for tests, made through notify() as the services make them."""

from notifications.models import Notification
from notifications.services import notify


def notification_for(
    user,
    *,
    key="test-event:1",
    subject="Please review: the Harlow question",
    url="/enquiries/1/",
    category=Notification.Category.REVIEW,
) -> Notification:
    notify(
        recipients=[user],
        category=category,
        event_key=key,
        subject=subject,
        body="Co Leader submitted it.",
        url=url,
    )
    return Notification.objects.get(recipient=user, event_key=key)
