"""Inviting people to roles, listing invitations, and accepting one."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.emails import send_outbox_email
from networks.models import Invitation, OutboxEmail, Role, RoleAssignment, User
from networks.tasks import expire_invitations
from tests.conftest import PASSWORD
from tests.factories import ClusterFactory, SchoolFactory, UserFactory, grant

CREATE = reverse("invitation_create")
LIST = reverse("invitation_list")
NEW_PASSWORD = "marmalade kettle lighthouse"


LINK = re.compile(r"https?://[^/\s]+/accounts/invitations/([\w-]+)/")


def invite(inviter, **kwargs):
    """Invite through the real service and send its email as the on-commit task would;
    returns (invitation, the raw token from the email's link)."""
    kwargs.setdefault("email", "new.person@example.org")
    kwargs.setdefault("name", "New Person")
    invitation = services.invitation_create(inviter=inviter, **kwargs)
    send_outbox_email(invitation.emails.get().pk)
    invitation.refresh_from_db()
    return invitation, LINK.search(mail.outbox[-1].body).group(1)


def accept_url(token):
    return reverse("invitation_accept", args=[token])


@pytest.fixture
def essex_school(la):
    return SchoolFactory(la=la, name="Harlow Primary", urn=115000)


# --- Creating: the page ----------------------------------------------------------------------
def test_it_shows_the_invite_page_to_a_coleader(client, coleader, la, cluster, other_la):
    client.force_login(coleader)

    response = client.get(CREATE)

    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _ in form.fields["role"].choices] == [
        Role.LA_COLEADER,
        Role.LA_OFFICER,
        Role.CLUSTER_LEAD,
        Role.CLUSTER_MEMBER,
        Role.LINK_ADVISER,
        Role.CONSULTANT,
        Role.SCHOOL_CONTACT,
    ]
    assert list(form.fields["la"].queryset) == [la]
    assert list(form.fields["cluster"].queryset) == [cluster]
    assert "initiative" not in form.fields
    html = response.content.decode()
    assert "Invite someone" in html
    assert other_la.name not in html


def test_it_preselects_an_la_from_the_query(client, coleader, la):
    client.force_login(coleader)

    response = client.get(CREATE, {"la": la.code})

    assert response.status_code == 200
    assert response.context["form"].initial == {"la": la.code}


def test_it_preselects_a_cluster_from_the_query(client, coleader, cluster):
    client.force_login(coleader)

    response = client.get(CREATE, {"cluster": cluster.pk})

    assert response.context["form"].initial == {"cluster": cluster.pk}


def test_it_404s_a_foreign_la_in_the_query(client, outsider, la):
    client.force_login(outsider)

    assert client.get(CREATE, {"la": la.code}).status_code == 404
    assert client.get(CREATE, {"la": "999"}).status_code == 404


def test_it_404s_a_foreign_cluster_in_the_query(client, outsider, cluster):
    client.force_login(outsider)

    assert client.get(CREATE, {"cluster": cluster.pk}).status_code == 404
    assert client.get(CREATE, {"cluster": "nonsense"}).status_code == 404


def test_it_forbids_a_cluster_lead_who_can_see_but_not_lead(client, cluster_lead, cluster, la):
    client.force_login(cluster_lead)

    assert client.get(CREATE).status_code == 403
    assert client.get(CREATE, {"cluster": cluster.pk}).status_code == 403
    assert client.get(CREATE, {"la": la.code}).status_code == 403
    response = client.post(
        CREATE,
        {"name": "X", "email": "x@example.org", "role": "cluster_member", "cluster": cluster.pk},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_404s_a_cluster_lead_asking_for_an_la_they_cannot_see(client, cluster_lead, other_la):
    client.force_login(cluster_lead)

    assert client.get(CREATE, {"la": other_la.code}).status_code == 404


def test_it_redirects_anonymous_visitors_to_sign_in(client, db):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign_in"))


def test_it_refuses_other_methods_on_the_invite_page(client, coleader):
    client.force_login(coleader)

    assert client.put(CREATE).status_code == 405
    assert client.delete(CREATE).status_code == 405


# --- Creating: the form and the service ----------------------------------------------------
def test_it_invites_a_cluster_lead_and_emails_once_on_commit(
    client, coleader, cluster, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coleader)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            CREATE,
            {
                "name": "Hazel Head",
                "email": "Hazel@Example.org",
                "role": "cluster_lead",
                "cluster": cluster.pk,
            },
        )
    assert response.status_code == 302
    assert response.url == LIST
    assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()

    invitation = Invitation.objects.get()
    assert invitation.email == "hazel@example.org"
    assert invitation.role == Role.CLUSTER_LEAD
    assert invitation.cluster == cluster
    assert invitation.la is None and invitation.school is None
    assert invitation.invited_by == coleader
    assert invitation.accepted_at is None
    assert invitation.expires_at == pytest.approx(
        timezone.now() + timedelta(days=14), abs=timedelta(minutes=1)
    )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["hazel@example.org"]
    assert "Co Leader has invited you" in email.subject
    assert "Cluster lead for Harlow cluster" in email.body
    token = LINK.search(email.body).group(1)
    # Only the hash is stored, and the outbox row holds ids, not the message.
    invitation.refresh_from_db()
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in str(Invitation.objects.values().get())
    assert token not in str(OutboxEmail.objects.values().get())


def test_it_invites_a_school_contact_for_a_school_in_the_la(client, coleader, essex_school):
    client.force_login(coleader)

    response = client.post(
        CREATE,
        {
            "name": "Sam",
            "email": "sam@example.org",
            "role": "school_contact",
            "school": essex_school.urn,
        },
    )

    assert response.status_code == 302
    assert Invitation.objects.get().school == essex_school


def test_it_ignores_scope_boxes_that_do_not_belong_to_the_role(client, coleader, la, cluster):
    client.force_login(coleader)

    client.post(
        CREATE,
        {
            "name": "Olive",
            "email": "olive@example.org",
            "role": "la_officer",
            "la": la.code,
            "cluster": cluster.pk,
        },
    )

    invitation = Invitation.objects.get()
    assert (invitation.la, invitation.cluster) == (la, None)


def test_it_asks_for_the_scope_the_role_needs(client, coleader, la):
    client.force_login(coleader)

    response = client.post(
        CREATE,
        {"name": "Olive", "email": "olive@example.org", "role": "cluster_member", "la": la.code},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_cluster">Choose the cluster for the cluster member</a>' in html
    assert not Invitation.objects.exists()


def test_it_links_the_error_summary_to_the_first_radio(client, coleader):
    client.force_login(coleader)

    response = client.post(CREATE, {"name": "", "email": "not-an-email"})

    html = response.content.decode()
    assert '<a href="#id_role_1">Choose a role</a>' in html
    assert '<a href="#id_name">Enter the person&#x27;s full name</a>' in html
    assert 'id="id_role_1"' in html
    assert re.search(r'<input type="email"[^>]*govuk-input--error', html)


def test_it_refuses_a_forged_la_from_another_coleader(client, outsider, la):
    """A co-leader of another LA posts Essex's code: a form error, nothing created."""
    client.force_login(outsider)

    response = client.post(
        CREATE, {"name": "Eve", "email": "eve@example.org", "role": "la_coleader", "la": la.code}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["la"] == ["Choose a local authority from the list"]
    assert not Invitation.objects.exists()


def test_it_refuses_a_forged_cluster_or_school(client, outsider, cluster, essex_school):
    client.force_login(outsider)

    for data in (
        {"role": "cluster_lead", "cluster": cluster.pk},
        {"role": "school_contact", "school": essex_school.urn},
    ):
        response = client.post(CREATE, {"name": "Eve", "email": "eve@example.org", **data})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Invitation.objects.exists()


def test_it_refuses_a_role_outside_the_coleaders_gift(client, coleader):
    client.force_login(coleader)

    response = client.post(
        CREATE, {"name": "Nat", "email": "nat@example.org", "role": "national_facilitator"}
    )

    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_it_refuses_to_invite_someone_twice_to_the_same_role(client, coleader, cluster):
    invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    client.force_login(coleader)

    response = client.post(
        CREATE,
        {
            "name": "New",
            "email": "new.person@example.org",
            "role": "cluster_lead",
            "cluster": cluster.pk,
        },
    )

    assert "already been invited" in response.context["form"].errors["email"][0]
    assert Invitation.objects.count() == 1


def test_it_lets_staff_invite_a_national_facilitator(client, db, mailoutbox):
    staff = UserFactory(email="admin@example.org", is_staff=True)
    client.force_login(staff)

    form = client.get(CREATE).context["form"]
    assert Role.NATIONAL_FACILITATOR in [value for value, _ in form.fields["role"].choices]
    response = client.post(
        CREATE, {"name": "Nat", "email": "nat@example.org", "role": "national_facilitator"}
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.role == Role.NATIONAL_FACILITATOR
    assert invitation.scope_label == "National team"


def test_the_service_refuses_an_inviter_who_does_not_lead_the_scope(
    cluster_lead, cluster, outsider
):
    with pytest.raises(PermissionDenied):
        invite(cluster_lead, role=Role.CLUSTER_MEMBER, cluster=cluster)
    with pytest.raises(PermissionDenied):
        invite(outsider, role=Role.CLUSTER_MEMBER, cluster=cluster)
    assert not Invitation.objects.exists()


def test_the_service_refuses_a_dissolved_cluster(coleader, la):
    old = ClusterFactory(host_la=la, dissolved_on="2010-07-31")

    with pytest.raises(PermissionDenied):
        invite(coleader, role=Role.CLUSTER_MEMBER, cluster=old)


# --- The list --------------------------------------------------------------------------------
def test_it_lists_the_invitations_the_person_sent_with_their_status(
    client, coleader, outsider, cluster, la, other_la
):
    pending, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="p@example.org")
    used, _ = invite(coleader, role=Role.LA_OFFICER, la=la, email="u@example.org")
    Invitation.objects.filter(pk=used.pk).update(accepted_at=timezone.now())
    stale, _ = invite(coleader, role=Role.CLUSTER_MEMBER, cluster=cluster, email="s@example.org")
    Invitation.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(days=1))
    invite(outsider, role=Role.LA_OFFICER, la=other_la, email="theirs@example.org")
    client.force_login(coleader)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "p@example.org" in html and "u@example.org" in html and "s@example.org" in html
    assert "theirs@example.org" not in html
    assert "Pending" in html and "Accepted" in html and "Expired" in html
    assert reverse("invitation_create") in html


def test_it_lists_in_a_bounded_number_of_queries(client, coleader, cluster, la, essex_school):
    client.force_login(coleader)
    invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="first@example.org")
    with CaptureQueriesContext(connection) as one_row:
        client.get(LIST)
    for n in range(3):
        invite(coleader, role=Role.CLUSTER_MEMBER, cluster=cluster, email=f"c{n}@example.org")
        invite(coleader, role=Role.LA_OFFICER, la=la, email=f"l{n}@example.org")
        invite(coleader, role=Role.SCHOOL_CONTACT, school=essex_school, email=f"s{n}@example.org")

    with CaptureQueriesContext(connection) as ten_rows:
        response = client.get(LIST)

    assert response.status_code == 200
    assert len(ten_rows) == len(one_row)
    # session, user, the person's scope (roles, facilitations: may they invite?), count,
    # the page of rows; plus the unread-notifications count in the header.
    assert len(ten_rows) <= 7


def test_it_shows_an_empty_list_to_someone_who_sent_none(client, cluster_lead):
    client.force_login(cluster_lead)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "You have not invited anyone yet" in html
    assert reverse("invitation_create") not in html


def test_it_redirects_anonymous_visitors_from_the_list(client, db):
    assert client.get(LIST).url.startswith(reverse("sign_in"))


def test_it_refuses_post_on_the_list(client, coleader):
    client.force_login(coleader)

    assert client.post(LIST).status_code == 405


# --- Accepting ---------------------------------------------------------------------------------
def test_it_shows_who_invited_them_to_what(client, coleader, cluster):
    _, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.get(accept_url(token))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Co Leader has invited you to be <strong>Cluster lead</strong>" in html
    assert "<strong>Harlow cluster</strong>" in html
    assert "new.person@example.org" in html
    assert 'value="New Person"' in html  # the name, for them to correct


def test_it_creates_the_account_and_role_and_signs_them_in(client, coleader, cluster):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.post(accept_url(token), {"name": "Hazel Head", "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    user = User.objects.get(email="new.person@example.org")
    assert user.name == "Hazel Head"
    assert user.check_password(NEW_PASSWORD)
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.cluster, assignment.granted_by) == (
        Role.CLUSTER_LEAD,
        cluster,
        coleader,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.session[SESSION_KEY] == str(user.pk)


def test_it_is_single_use(client, coleader, cluster):
    _, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    client.post(accept_url(token), {"name": "Hazel Head", "password": NEW_PASSWORD})
    client.post(reverse("sign_out"))

    response = client.post(accept_url(token), {"name": "Someone Else", "password": NEW_PASSWORD})

    assert response.status_code == 410
    assert "This invitation has been used" in response.content.decode()
    assert User.objects.filter(email="new.person@example.org").count() == 1
    assert RoleAssignment.objects.filter(user__email="new.person@example.org").count() == 1
    assert client.get(accept_url(token)).status_code == 410


def test_the_claim_lets_only_one_of_two_racing_clicks_through(coleader, cluster):
    """Both requests loaded the invitation before either accepted it."""
    invitation, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    stale_copy = Invitation.objects.get(pk=invitation.pk)
    services.invitation_accept(invitation=invitation, name="First", password=NEW_PASSWORD)

    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(invitation=stale_copy, name="Second", password=NEW_PASSWORD)

    assert User.objects.get(email="new.person@example.org").name == "First"
    assert RoleAssignment.objects.filter(role=Role.CLUSTER_LEAD).count() == 1


def test_it_refuses_an_expired_invitation(client, coleader, cluster):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = client.post(accept_url(token), {"name": "Late", "password": NEW_PASSWORD})

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_it_404s_an_unknown_token(client, coleader, cluster):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    # The stored hash is no use as a link.
    for bad in ("nonsense", invitation.token_hash, token[:-1]):
        response = client.get(accept_url(bad))
        assert response.status_code == 404
        assert "This invitation link does not work" in response.content.decode()


def test_it_refuses_a_weak_password_and_changes_nothing(client, coleader, cluster):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.post(accept_url(token), {"name": "Hazel", "password": "password"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "This password is too short" in html
    assert "This password is too common" in html
    assert not User.objects.filter(email="new.person@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_it_refuses_a_password_like_the_email_address(client, coleader, cluster):
    _, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.post(accept_url(token), {"name": "Hazel", "password": "new.person@example"})

    assert "too similar" in response.content.decode()


def test_it_refuses_other_methods_on_the_accept_page(client, coleader, cluster):
    _, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    assert client.put(accept_url(token)).status_code == 405


# --- Accepting when the person already has an account ----------------------------------------
@pytest.fixture
def existing(db):
    return UserFactory(email="new.person@example.org", name="Already Here")


def test_it_asks_an_existing_account_holder_to_sign_in(client, coleader, cluster, existing):
    _, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.get(accept_url(token))

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is already an account for new.person@example.org" in html
    assert f"{reverse('sign_in')}?next=/accounts/invitations/{token}/" in html


def test_it_will_not_set_a_password_for_an_existing_account(client, coleader, cluster, existing):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    response = client.post(accept_url(token), {"name": "Mallory", "password": NEW_PASSWORD})

    assert response.status_code == 403
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert not RoleAssignment.objects.filter(user=existing).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert SESSION_KEY not in client.session


def test_it_grants_the_role_to_the_signed_in_account_holder(client, coleader, cluster, existing):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    client.force_login(existing)

    assert "Accept the role" in client.get(accept_url(token)).content.decode()
    response = client.post(accept_url(token))

    assert response.status_code == 302
    assert RoleAssignment.objects.get(user=existing).cluster == cluster
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_it_refuses_someone_signed_in_as_another_person(client, coleader, cluster, existing):
    invitation, token = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    client.force_login(coleader)

    page = client.get(accept_url(token)).content.decode()
    response = client.post(accept_url(token))

    assert "but this invitation is for new.person@example.org" in page
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user=existing).exists()
    assert RoleAssignment.objects.filter(user=coleader).count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_service_grants_only_to_the_matching_email(coleader, cluster, existing):
    invitation, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)

    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=coleader)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # the claim rolled back with the refusal


def test_the_service_turns_a_late_duplicate_account_into_account_exists(coleader, cluster):
    invitation, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster)
    UserFactory(email="new.person@example.org")

    with pytest.raises(services.AccountExists):
        services.invitation_accept(invitation=invitation, name="Twin", password=NEW_PASSWORD)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_a_role_already_held_is_harmless(coleader, cluster, existing):
    grant(existing, Role.CLUSTER_LEAD, cluster=cluster)
    invitation, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="x@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(email=existing.email)
    invitation.refresh_from_db()

    services.invitation_accept(invitation=invitation, user=existing)

    assert RoleAssignment.objects.filter(user=existing).count() == 1


# --- Tidying -----------------------------------------------------------------------------------
def test_it_deletes_unused_invitations_a_month_after_they_expire(coleader, cluster):
    old, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="old@example.org")
    recent, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="r@example.org")
    used, _ = invite(coleader, role=Role.CLUSTER_LEAD, cluster=cluster, email="used@example.org")
    long_ago = timezone.now() - timedelta(days=31)
    Invitation.objects.filter(pk__in=[old.pk, used.pk]).update(expires_at=long_ago)
    Invitation.objects.filter(pk=recent.pk).update(expires_at=timezone.now() - timedelta(days=2))
    Invitation.objects.filter(pk=used.pk).update(accepted_at=long_ago - timedelta(days=5))

    assert expire_invitations.delay().get() == 1

    assert set(Invitation.objects.values_list("email", flat=True)) == {
        "r@example.org",
        "used@example.org",
    }
