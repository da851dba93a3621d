from django.urls import reverse

from notifications.models import EmailDigest, NotificationPreference
from notifications.services import notification_preferences_update
from notifications.tasks import send_daily_digests
from tests.factories import UserFactory
from tests.notifications.factories import notification_for


def test_it_shows_preferences_and_digests_to_staff(client, db, mailoutbox):
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    person = UserFactory(email="head@example.org")
    notification_preferences_update(user=person, deliveries={"review": "daily"})
    notification_for(person, subject="Please review: Harlow")
    send_daily_digests()
    digest = EmailDigest.objects.get()
    preference = NotificationPreference.objects.get()
    client.force_login(staff)
    for url in [
        reverse("admin:notifications_notificationpreference_changelist"),
        reverse("admin:notifications_notificationpreference_change", args=[preference.pk]),
        reverse("admin:notifications_emaildigest_changelist"),
        reverse("admin:notifications_notification_changelist"),
    ]:
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("admin:notifications_emaildigest_change", args=[digest.pk]))
    assert response.status_code == 200
    assert "Please review: Harlow" in response.content.decode()
