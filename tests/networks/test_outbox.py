"""The outbox of account emails: each invitation and password reset is a row written
with the change; the email (and its secret link) is made only when it is sent."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.emails import send_due_outbox_emails, send_outbox_email
from networks.models import Invitation, OutboxEmail, Role
from networks.outbox import MAX_ATTEMPTS, Outcome
from networks.tasks import expire_invitations
from tests.factories import UserFactory

LINK = re.compile(r"https?://[^/\s]+(/accounts/invitations/[\w-]+/)")


@pytest.fixture
def invitation(coleader, cluster):
    return services.invitation_create(
        inviter=coleader,
        email="hazel@example.org",
        name="Hazel Head",
        role=Role.CLUSTER_LEAD,
        cluster=cluster,
    )


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_it_writes_the_email_as_a_row_with_the_invitation(invitation, mailoutbox):
    email = OutboxEmail.objects.get()
    assert (email.kind, email.invitation, email.user) == ("invitation", invitation, None)
    assert email.status == "pending" and email.attempts == 0
    assert mailoutbox == []  # the send waits for the commit (or the sweep)


def test_it_makes_the_link_as_the_email_is_sent(client, invitation, mailoutbox, settings):
    settings.SITE_URL = "https://enquiry.example.org"
    hash_before = Invitation.objects.get().token_hash

    assert send_outbox_email(invitation.emails.get().pk) is Outcome.SENT

    message = mailoutbox[0]
    assert message.to == ["hazel@example.org"]
    assert "https://enquiry.example.org/accounts/invitations/" in message.body
    assert "expires in 14 days" in message.body
    invitation.refresh_from_db()
    assert invitation.token_hash != hash_before  # the link did not exist before
    token = link_in(message).split("/")[-2]
    assert invitation.token_hash == Invitation.hash_token(token)
    assert client.get(link_in(message)).status_code == 200
    email = OutboxEmail.objects.get()
    assert email.status == "sent" and email.attempts == 1 and email.last_error == ""


def test_each_send_makes_a_fresh_link_and_the_old_one_stops_working(
    client, coleader, invitation, mailoutbox
):
    send_outbox_email(invitation.emails.get().pk)
    services.invitation_resend(invitation=invitation, actor=coleader)
    send_outbox_email(invitation.emails.get(sent_at__isnull=True).pk)

    first, second = (link_in(message) for message in mailoutbox)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_it_sends_each_email_once_however_often_it_is_asked(invitation, mailoutbox):
    pk = invitation.emails.get().pk
    assert send_outbox_email(pk) is Outcome.SENT
    assert send_outbox_email(pk) is None
    assert send_due_outbox_emails() == 0
    assert len(mailoutbox) == 1


def test_it_leaves_an_email_another_sender_holds(invitation, mailoutbox):
    email = invitation.emails.get()
    # Another worker claimed it a moment ago and is sending it now.
    OutboxEmail.objects.update(
        claimed_at=timezone.now(), claim_expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert send_outbox_email(email.pk) is None
    assert send_due_outbox_emails() == 0
    assert mailoutbox == []


def test_it_sends_an_email_whose_sender_died_once_the_lease_runs_out(invitation, mailoutbox):
    OutboxEmail.objects.update(
        claimed_at=timezone.now() - timedelta(minutes=6),
        claim_expires_at=timezone.now() - timedelta(minutes=1),
        attempts=1,
    )
    assert send_due_outbox_emails() == 1
    assert send_due_outbox_emails() == 0
    assert len(mailoutbox) == 1
    assert OutboxEmail.objects.get().attempts == 2


def test_it_backs_off_when_the_mail_server_is_down(invitation, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_due_outbox_emails() == 0

    email = OutboxEmail.objects.get()
    assert email.status == "pending" and email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.claim_expires_at == pytest.approx(
        timezone.now() + timedelta(minutes=1), abs=timedelta(seconds=10)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_outbox_emails() == 0  # not due again yet
    OutboxEmail.objects.update(claim_expires_at=timezone.now())
    assert send_due_outbox_emails() == 1
    assert len(mailoutbox) == 1


def test_the_sweep_stops_at_the_first_failure_worth_retrying(coleader, la, settings):
    for n in range(3):
        services.invitation_create(
            inviter=coleader, email=f"p{n}@example.org", name="P", role=Role.LA_OFFICER, la=la
        )
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_due_outbox_emails() == 0

    # The server is down: one attempt, not three.
    assert sorted(OutboxEmail.objects.values_list("attempts", flat=True)) == [0, 0, 1]


def test_it_gives_up_on_an_address_the_server_refuses(invitation, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RecipientRefused"

    assert send_outbox_email(invitation.emails.get().pk) is Outcome.GIVE_UP

    email = OutboxEmail.objects.get()
    assert email.status == "failed"
    assert email.last_error == "recipient refused: {'hazel@example.org': (550, b'No such user')}"


def test_it_gives_up_after_the_last_attempt(invitation, settings):
    OutboxEmail.objects.update(attempts=MAX_ATTEMPTS - 1)
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_outbox_email(invitation.emails.get().pk) is Outcome.RETRY

    assert OutboxEmail.objects.get().status == "failed"


@pytest.mark.parametrize("change", ["accepted", "expired"])
def test_it_sends_no_invitation_that_was_used_or_expired_meanwhile(invitation, mailoutbox, change):
    if change == "accepted":
        Invitation.objects.update(accepted_at=timezone.now())
    else:
        Invitation.objects.update(expires_at=timezone.now())
    hash_before = Invitation.objects.get().token_hash

    assert send_due_outbox_emails() == 0

    assert mailoutbox == []
    email = OutboxEmail.objects.get()
    assert email.status == "failed"
    assert email.last_error == "the invitation has been used or has expired"
    assert Invitation.objects.get().token_hash == hash_before


def test_the_sweep_sends_the_oldest_first(coleader, la, mailoutbox):
    for name in ("second", "first"):
        services.invitation_create(
            inviter=coleader, email=f"{name}@example.org", name=name, role=Role.LA_OFFICER, la=la
        )
    OutboxEmail.objects.filter(invitation__email="first@example.org").update(
        created_at=timezone.now() - timedelta(minutes=5)
    )

    assert send_due_outbox_emails() == 2

    assert [m.to[0] for m in mailoutbox] == ["first@example.org", "second@example.org"]


def test_it_runs_the_sweep_every_minute_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-account-emails"]
    assert entry["task"] == "networks.tasks.send_due_outbox_emails"
    assert entry["schedule"] <= 60
    assert entry["options"]["expires"] < entry["schedule"]


def test_it_tidies_sent_emails_after_ninety_days(invitation):
    reset = OutboxEmail.objects.create(kind="password_reset", user=UserFactory())
    old = timezone.now() - timedelta(days=91)
    OutboxEmail.objects.update(created_at=old)
    OutboxEmail.objects.filter(pk=reset.pk).update(sent_at=old)

    assert expire_invitations() == 0

    # The sent one goes; the one still waiting stays, however old.
    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == ["invitation"]


def test_an_invitation_deleted_when_tidied_takes_its_email_with_it(invitation):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=31))

    assert expire_invitations() == 1

    assert not OutboxEmail.objects.exists()


def test_the_outbox_holds_no_message_and_no_link(invitation, mailoutbox):
    send_outbox_email(invitation.emails.get().pk)
    token = link_in(mailoutbox[0]).split("/")[-2]

    row = str(OutboxEmail.objects.values().get())
    assert token not in row and "invitations" not in row
    assert reverse("invitation_accept", args=[token]) in mail.outbox[0].body
