"""/readyz/: the database, the broker and the age of the oldest email waiting to go,
200 when all are well and 503 otherwise; JSON, no session, no template."""

import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from networks.models import OutboxEmail
from notifications.models import Notification
from notifications.services import notification_preferences_update
from tests.factories import UserFactory
from tests.notifications.factories import notification_for

READYZ = reverse("readyz")


@pytest.fixture
def broker_down():
    """Point the Celery app at a port with nothing listening, for one test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app._pool = None
    yield
    app.conf.broker_url = saved
    app._pool = None


def test_it_answers_ready_without_a_session(client, db, django_assert_max_num_queries):
    # SELECT 1, then the oldest waiting account email, notification and digest.
    with django_assert_max_num_queries(4):
        response = client.get(READYZ)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Set-Cookie" not in response.headers
    body = response.json()
    assert body["ready"] is True
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["broker"] == {"ok": True}
    assert body["checks"]["email"]["ok"] is True
    assert body["checks"]["email"]["oldest_pending_seconds"] == 0


def test_it_is_not_ready_when_an_email_has_waited_too_long(client, db, settings):
    settings.READY_MAX_EMAIL_AGE = timedelta(minutes=15)
    OutboxEmail.objects.create(
        kind="password_reset",
        user=UserFactory(),
        created_at=timezone.now() - timedelta(minutes=20),
    )

    response = client.get(READYZ)

    assert response.status_code == 503
    email = response.json()["checks"]["email"]
    assert email["ok"] is False
    assert 20 * 60 <= email["oldest_pending_seconds"] < 21 * 60


def test_it_counts_notification_emails_but_not_those_waiting_for_the_digest(client, db):
    person = UserFactory()
    notification_preferences_update(user=person, deliveries={"review": "daily"})
    notification_for(person, key="digest", category="review")
    late = notification_for(person, key="late", category="comment")
    Notification.objects.update(created_at=timezone.now() - timedelta(hours=3))

    assert client.get(READYZ).status_code == 503
    Notification.objects.filter(pk=late.pk).update(emailed_at=timezone.now())
    assert client.get(READYZ).status_code == 200


def test_it_is_not_ready_without_the_broker(client, db, broker_down):
    response = client.get(READYZ)

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"] == {"ok": True}


@pytest.mark.django_db(transaction=True)
def test_it_is_not_ready_without_the_database(client, tmp_path):
    """Pointed at a database that is not there (a closed port, or a missing file):
    a 503 saying so, not a 500."""
    connection.close()
    saved = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            connection.settings_dict["PORT"] = probe.getsockname()[1]
        connection.settings_dict["HOST"] = "127.0.0.1"
    else:
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    try:
        response = client.get(READYZ)
    finally:
        connection.close()
        connection.settings_dict.update(saved)

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "error": "OperationalError"}
    assert checks["email"] == {"ok": False, "error": "database unavailable"}


def test_it_refuses_post(client, db):
    assert client.post(READYZ).status_code == 405
