"""Writes for people and roles: inviting someone to a role, and taking the invitation up.

Each service is keyword-only and atomic; emails are queued to go when the
transaction commits, so a rolled-back write never sends a message.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .audit import audit
from .models import Cluster, Invitation, LocalAuthority, Role, RoleAssignment, School, User
from .models.people import CLUSTER_ROLES, LA_ROLES, ROLE_SCOPE, SCHOOL_ROLES, SCOPE_FIELDS
from .scope import scope_for
from .tasks import send_email
from .text import single_line

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
    base_url: str = "",
) -> tuple[Invitation, str]:
    """Invite a person to a role and queue the email with their link.

    Returns the invitation and the raw token. Only the token's hash is stored, so
    this is the one moment the link exists; `base_url` (e.g. "https://host")
    makes it absolute in the email.
    """
    scope = _scope_kwargs(
        role,
        {"la": la, "cluster": cluster, "school": school},
    )
    if not may_invite_to(inviter, role=role, **scope):
        raise PermissionDenied("You cannot invite people to that role")

    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        name=name.strip(),
        role=role,
        invited_by=inviter,
        token_hash=Invitation.hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        **scope,
    )
    context = {
        "invitation": invitation,
        "inviter": inviter,
        "accept_url": base_url.rstrip("/") + reverse("invitation_accept", args=[token]),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    # One line whatever the names hold: a line break in a header fails the send.
    subject = single_line(render_to_string("emails/invitation_subject.txt", context))
    body = render_to_string("emails/invitation.txt", context)
    send_email.delay_on_commit(subject, body, [invitation.email])
    audit(
        inviter,
        "networks.invitation.sent",
        invitation,
        {"email": invitation.email, "role": role, **_scope_ids(scope)},
        la=_la_of(scope),
    )
    return invitation, token


def _scope_ids(scope: dict) -> dict:
    return {name: getattr(obj, "pk", None) for name, obj in scope.items() if obj is not None}


def _la_of(scope: dict):
    """The LA whose audit trail a role at this scope belongs to."""
    if scope.get("la") is not None:
        return scope["la"].pk
    if scope.get("cluster") is not None:
        return scope["cluster"].host_la_id
    if scope.get("school") is not None:
        return scope["school"].la_id
    return None


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
        la=_la_of(scope),
    )
    if granted:
        audit(
            invitation.invited_by,
            "networks.role.granted",
            assignment,
            {"user": user.pk, "role": invitation.role, **_scope_ids(scope)},
            la=_la_of(scope),
        )
    return user
