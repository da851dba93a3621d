"""Writes for people and roles: inviting someone to a role (and inviting them again),
taking the invitation up, and asking for a password reset.

Each service is keyword-only and atomic and writes its audit entry in its
transaction. An email is a row in the outbox (OutboxEmail) written in the same
transaction, and its send is queued for when the transaction commits: a rolled-back
write sends nothing, and a broker outage only delays the email (networks/outbox.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import throttle
from .audit import audit
from .models import (
    Cluster,
    Invitation,
    LocalAuthority,
    OutboxEmail,
    Role,
    RoleAssignment,
    School,
    User,
)
from .models.people import CLUSTER_ROLES, LA_ROLES, ROLE_SCOPE, SCHOOL_ROLES, SCOPE_FIELDS
from .outbox import enqueue_on_commit
from .scope import scope_for
from .tasks import send_outbox_email

# --- Who may invite whom ------------------------------------------------------
# A co-leader invites to roles inside the LA they lead; staff invite to anything.


def may_invite(user) -> bool:
    """Whether the person may invite anyone at all (co-leads an LA, or is staff)."""
    return user.is_authenticated and (user.is_staff or bool(scope_for(user).coleader_la_ids))


def invitable_roles(user) -> list[str]:
    if user.is_staff:
        return list(Role.values)
    if scope_for(user).coleader_la_ids:
        return [*LA_ROLES, *CLUSTER_ROLES, *SCHOOL_ROLES]
    return []


def invitable_las(user) -> QuerySet[LocalAuthority]:
    if user.is_staff:
        return LocalAuthority.objects.all()
    return LocalAuthority.objects.filter(pk__in=scope_for(user).coleader_la_ids)


def invitable_clusters(user) -> QuerySet[Cluster]:
    clusters = Cluster.objects.active()
    if user.is_staff:
        return clusters
    return clusters.filter(host_la_id__in=scope_for(user).coleader_la_ids)


def invitable_schools(user) -> QuerySet[School]:
    schools = School.objects.exclude(status=School.Status.CLOSED)
    if user.is_staff:
        return schools
    return schools.filter(la_id__in=scope_for(user).coleader_la_ids)


def may_invite_to(user, *, role: str, la=None, cluster=None, school=None, **_) -> bool:
    """Whether `user` may invite someone to `role` at that scope. Reads no rows
    beyond the person's Scope: the scope objects carry the ids it needs."""
    if user.is_staff:
        return True
    if role not in invitable_roles(user):
        return False
    led = scope_for(user).coleader_la_ids
    field = ROLE_SCOPE[role]
    if field == "la":
        return la is not None and la.pk in led
    if field == "cluster":
        return cluster is not None and cluster.host_la_id in led and cluster.dissolved_on is None
    if field == "school":
        return school is not None and school.la_id in led
    return False


# --- Invitations ----------------------------------------------------------------
class InvitationUnusable(Exception):
    """The invitation has been used or has expired."""


class AccountExists(Exception):
    """Someone already has an account with the invited email address: they must sign in."""


def _scope_kwargs(role: str, scope: dict) -> dict:
    """The scope fields for `role`: its own field set (unless optional), the rest empty."""
    field = ROLE_SCOPE[role]
    if field and scope.get(field) is None:
        raise ValueError(f"A {Role(role).label} invitation needs a {field}")
    return {name: (scope.get(name) if name == field else None) for name in SCOPE_FIELDS}


@transaction.atomic
def invitation_create(
    *,
    inviter: User,
    email: str,
    name: str,
    role: str,
    la: LocalAuthority | None = None,
    cluster: Cluster | None = None,
    school: School | None = None,
) -> Invitation:
    """Invite a person to a role, and put the email with their link in the outbox.

    The link is made when the email is built (networks/emails.py): until then the
    invitation's stored hash is of a token nobody holds.
    """
    scope = _scope_kwargs(
        role,
        {"la": la, "cluster": cluster, "school": school},
    )
    if not may_invite_to(inviter, role=role, **scope):
        raise PermissionDenied("You cannot invite people to that role")

    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        name=name.strip(),
        role=role,
        invited_by=inviter,
        token_hash=Invitation.hash_token(Invitation.new_token()),  # no link yet
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        **scope,
    )
    _queue_invitation_email(invitation)
    audit(
        inviter,
        "networks.invitation.sent",
        invitation,
        {"email": invitation.email, "role": role, "where": invitation.scope_label},
        la=_invitation_la_id(invitation),
    )
    return invitation


class InvitationAccepted(Exception):
    """The invitation has been taken up: there is nothing to send again."""


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Send an invitation again with a fresh link, valid for the full period again.

    For the inviter only (the view finds the invitation among theirs). The fresh
    link is made when the email is built, and the old link stops working then. If an
    email for it is still waiting (say the broker was down) no second one is added:
    the waiting one will carry the fresh link.
    """
    # Lock the row: two clicks at once make one email, and an acceptance racing
    # this waits for it (and then finds the invitation as this leaves it).
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.invited_by_id != actor.pk:
        raise PermissionDenied("Only the person who sent an invitation may send it again")
    if invitation.accepted_at is not None:
        raise InvitationAccepted
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at"])
    _queue_invitation_email(invitation)
    audit(
        actor,
        "networks.invitation.resent",
        invitation,
        {"email": invitation.email, "expires_at": invitation.expires_at},
        la=_invitation_la_id(invitation),
    )
    return invitation


def _queue_invitation_email(invitation: Invitation) -> None:
    email, _ = OutboxEmail.objects.get_or_create(
        kind=OutboxEmail.Kind.INVITATION,
        invitation=invitation,
        sent_at=None,
        failed_at=None,
    )
    enqueue_on_commit(send_outbox_email, email.pk)


def _invitation_la_id(invitation: Invitation) -> int | None:
    """The LA whose audit trail an invitation belongs in (none for national roles)."""
    if invitation.cluster is not None:
        return invitation.cluster.host_la_id
    if invitation.school is not None:
        return invitation.school.la_id
    return invitation.la_id


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link points at, used or not, with what its pages show."""
    return (
        Invitation.objects.select_related("invited_by", "la", "cluster__host_la", "school__la")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    name: str = "",
    password: str = "",
) -> User:
    """Take up an invitation: as `user` (signed in, same email) or as a new account.

    Raises InvitationUnusable if it was used or expired meanwhile, AccountExists if
    a new account is asked for an email that already has one.
    """
    now = timezone.now()
    # Claim the invitation first. Two clicks racing both run this UPDATE; the row lock
    # makes the second wait, re-check accepted_at and match nothing, so only one
    # request goes on to create the account and the role.
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise InvitationUnusable
    invitation.accepted_at = now

    created_account = user is None
    if user is None:
        try:
            # A savepoint, so the IntegrityError can be turned into AccountExists; the
            # exception still leaves this atomic block, undoing the claim.
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email, password=password, name=name.strip()
                )
        except IntegrityError as exc:
            raise AccountExists from exc
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied("This invitation is for someone else")

    scope = {field: getattr(invitation, field) for field in SCOPE_FIELDS}
    # get_or_create: someone may already hold the role (invited twice); that is fine.
    assignment, granted = RoleAssignment.objects.get_or_create(
        user=user,
        role=invitation.role,
        ended_on=None,
        **scope,
        defaults={"granted_by": invitation.invited_by},
    )
    audit(
        user,
        "networks.invitation.accepted",
        invitation,
        {"new_account": created_account, "role": invitation.role, "granted": granted},
        la=_invitation_la_id(invitation),
    )
    if granted:
        audit(
            invitation.invited_by,
            "networks.role.granted",
            assignment,
            {"user": user.pk, "role": invitation.role, "where": invitation.scope_label},
            la=_invitation_la_id(invitation),
        )
    return user


# --- Password reset ----------------------------------------------------------------
def password_reset_request(*, email: str, client: str) -> bool:
    """Someone asks for a password-reset link for `email` from `client` (an IP address).

    Returns whether an email was put in the outbox. The caller shows the same page
    either way, so nobody learns whether an address has an account, nor when they
    have been throttled: per client (settings.PASSWORD_RESET_LIMIT_PER_CLIENT an
    hour, counted in the shared cache) and per account
    (settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT an hour, counted from the outbox).
    """
    if not throttle.allow(
        "password-reset-client", client, limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    ):
        return False
    return _password_reset_queue(email=email, client=client)


@transaction.atomic
def _password_reset_queue(*, email: str, client: str) -> bool:
    # Locked, so two requests at once for one account count each other.
    user = (
        User.objects.select_for_update().filter(email__iexact=email.strip(), is_active=True).first()
    )
    if user is None or not user.has_usable_password():
        return False
    resets = OutboxEmail.objects.filter(kind=OutboxEmail.Kind.PASSWORD_RESET, user=user)
    if resets.pending().exists():
        return False  # one is on its way, and will carry a link made as it goes
    recent = resets.filter(created_at__gt=timezone.now() - timedelta(hours=1)).count()
    if recent >= settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT:
        return False
    outgoing = OutboxEmail.objects.create(kind=OutboxEmail.Kind.PASSWORD_RESET, user=user)
    audit(None, "networks.password_reset.requested", user, {"client": client})
    enqueue_on_commit(send_outbox_email, outgoing.pk)
    return True
