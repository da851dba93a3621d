"""Sending an invitation again: a button on the inviter's list makes a fresh link,
valid for the full period again; the old link stops working. Audited."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.emails import send_due_outbox_emails
from networks.models import AuditEntry, Invitation, OutboxEmail, Role
from tests.factories import UserFactory, grant

LIST = reverse("invitation_list")
LINK = re.compile(r"https?://[^/\s]+(/accounts/invitations/[\w-]+/)")


@pytest.fixture
def invitation(coleader, cluster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(
            inviter=coleader,
            email="hazel@example.org",
            name="Hazel Head",
            role=Role.CLUSTER_LEAD,
            cluster=cluster,
        )


def resend_url(invitation) -> str:
    return reverse("invitation_resend", args=[invitation.pk])


def test_it_sends_the_invitation_again_with_a_fresh_link(
    client, coleader, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=2))
    client.force_login(coleader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url(invitation))

    assert response.status_code == 302 and response.url == LIST
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Invitation sent again to hazel@example.org"
    ]
    assert len(mailoutbox) == 2
    old_link, new_link = (LINK.search(m.body).group(1) for m in mailoutbox)
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200
    invitation.refresh_from_db()
    assert invitation.expires_at == pytest.approx(
        timezone.now() + timedelta(days=14), abs=timedelta(minutes=1)
    )
    entry = AuditEntry.objects.get(action="networks.invitation.resent")
    assert (entry.actor, entry.object_id) == (coleader, str(invitation.pk))
    assert entry.la == invitation.cluster.host_la  # in Essex's trail
    assert entry.changes["email"] == "hazel@example.org"


def test_it_revives_an_expired_invitation(client, coleader, invitation, mailoutbox):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(coleader)

    client.post(resend_url(invitation))
    send_due_outbox_emails()  # the sweep, standing in for the on-commit send

    link = LINK.search(mailoutbox[-1].body).group(1)
    assert client.get(link).status_code == 200


def test_it_adds_no_second_email_while_one_is_waiting(client, coleader, cluster, mailoutbox):
    # The broker was down: the first email is still waiting in the outbox.
    invitation = services.invitation_create(
        inviter=coleader, email="p@example.org", name="P", role=Role.CLUSTER_LEAD, cluster=cluster
    )
    client.force_login(coleader)

    client.post(resend_url(invitation))
    client.post(resend_url(invitation))

    assert OutboxEmail.objects.count() == 1
    assert send_due_outbox_emails() == 1
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="networks.invitation.resent").count() == 2


def test_it_will_not_resend_an_accepted_invitation(client, coleader, invitation, mailoutbox):
    Invitation.objects.update(accepted_at=timezone.now())
    client.force_login(coleader)

    response = client.post(resend_url(invitation))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "hazel@example.org has already accepted this invitation"
    ]
    assert OutboxEmail.objects.count() == 1  # the first, sent
    assert not AuditEntry.objects.filter(action="networks.invitation.resent").exists()


def test_it_is_not_there_for_anyone_but_the_inviter(client, invitation, outsider, cluster_lead, la):
    other_coleader = UserFactory(email="second@example.org")
    grant(other_coleader, Role.LA_COLEADER, la=la)
    for person in (outsider, cluster_lead, other_coleader):
        client.force_login(person)
        assert client.post(resend_url(invitation)).status_code == 404
    assert OutboxEmail.objects.count() == 1
    assert not AuditEntry.objects.filter(action="networks.invitation.resent").exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, invitation):
    response = client.post(resend_url(invitation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign_in"))


def test_it_refuses_get(client, coleader, invitation):
    client.force_login(coleader)

    assert client.get(resend_url(invitation)).status_code == 405


def test_the_list_offers_it_for_invitations_not_yet_accepted(client, coleader, cluster, la):
    pending = services.invitation_create(
        inviter=coleader, email="p@example.org", name="P", role=Role.CLUSTER_LEAD, cluster=cluster
    )
    accepted = services.invitation_create(
        inviter=coleader, email="a@example.org", name="A", role=Role.LA_OFFICER, la=la
    )
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    client.force_login(coleader)

    html = client.get(LIST).content.decode()

    assert f'action="{resend_url(pending)}"' in html
    assert f'action="{resend_url(accepted)}"' not in html
    assert 'Send again<span class="govuk-visually-hidden"> to p@example.org</span>' in html


def test_the_service_refuses_anyone_but_the_inviter(invitation, outsider):
    with pytest.raises(PermissionDenied):
        services.invitation_resend(invitation=invitation, actor=outsider)


def test_inviting_is_audited_too(invitation, coleader):
    entry = AuditEntry.objects.get(action="networks.invitation.sent")
    assert (entry.actor, entry.object_id, entry.la) == (
        coleader,
        str(invitation.pk),
        invitation.cluster.host_la,
    )
    assert entry.changes == {
        "email": "hazel@example.org",
        "role": "cluster_lead",
        "where": "Harlow cluster",
    }
