"""Asking for a password reset: an outbox row written with the request, the link made
as the email is sent, and throttling per account and per client that never changes
what the visitor sees."""

import socket

import pytest
from django.urls import reverse

from networks.models import AuditEntry, OutboxEmail
from tests.conftest import PASSWORD
from tests.factories import UserFactory

RESET = reverse("password_reset")
DONE = reverse("password_reset_done")


@pytest.fixture
def person(db):
    return UserFactory(email="head@example.org", name="A Head")


def ask(client, email="head@example.org", **extra):
    return client.post(RESET, {"email": email}, **extra)


def test_it_writes_one_outbox_row_and_an_audit_entry(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = ask(client, "Head@Example.org", REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 302 and response.url == DONE
    email = OutboxEmail.objects.get()
    assert (email.kind, email.user, email.status) == ("password_reset", person, "pending")
    entry = AuditEntry.objects.get(action="networks.password_reset.requested")
    assert (entry.actor, entry.object_id, entry.changes) == (
        None,
        str(person.pk),
        {"client": "192.0.2.10"},
    )
    assert mailoutbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mailoutbox] == [["head@example.org"]]


def test_three_asks_in_an_hour_send_two_emails_and_show_the_same_page(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = ask(client)
        assert (response.status_code, response.url) == (302, DONE)

    assert len(mailoutbox) == 2
    assert OutboxEmail.objects.count() == 2


def test_asking_again_while_an_email_waits_adds_none(client, person, mailoutbox):
    # The broker is down: the first email has not gone yet (no on-commit run here).
    ask(client)
    ask(client)

    assert OutboxEmail.objects.count() == 1


def test_it_throttles_each_client_across_addresses(client, db, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 3
    people = [UserFactory(email=f"p{n}@example.org") for n in range(5)]

    for person in people[:4]:
        response = ask(client, person.email, REMOTE_ADDR="198.51.100.7")
        assert (response.status_code, response.url) == (302, DONE)
    ask(client, people[4].email, REMOTE_ADDR="198.51.100.8")

    queued = set(OutboxEmail.objects.values_list("user__email", flat=True))
    assert queued == {"p0@example.org", "p1@example.org", "p2@example.org", "p4@example.org"}


def test_asks_for_unknown_addresses_count_against_the_client(client, person, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 2
    ask(client, "nobody@example.org")
    ask(client, "nobody.else@example.org")

    response = ask(client)

    assert response.url == DONE
    assert not OutboxEmail.objects.exists()


def test_it_still_answers_and_queues_when_the_cache_is_down(client, person, settings):
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }

    response = ask(client)

    assert (response.status_code, response.url) == (302, DONE)
    assert OutboxEmail.objects.count() == 1  # the per-account limit still holds


@pytest.mark.parametrize("change", ["closed", "no password"])
def test_it_sends_nothing_to_an_account_that_cannot_reset(client, person, mailoutbox, change):
    if change == "closed":
        person.is_active = False
    else:
        person.set_unusable_password()
    person.save()

    response = ask(client)

    assert response.url == DONE
    assert not OutboxEmail.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_shows_the_form_again_for_a_bad_address(client, db):
    response = ask(client, "not an address")

    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert not OutboxEmail.objects.exists()


def test_it_refuses_other_methods(client, db):
    assert client.put(RESET).status_code == 405


def test_the_link_is_made_at_send_time_and_kept_nowhere(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)

    link = mailoutbox[0].body.split("/accounts/password-reset/")[1].split()[0]
    assert link.split("/")[1] not in str(OutboxEmail.objects.values().get())
    person.refresh_from_db()
    # Sending closes no door: the account's password is as it was until the link is used.
    assert person.check_password(PASSWORD)
