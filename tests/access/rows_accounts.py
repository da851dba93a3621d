"""Access-matrix rows for the accounts URLs: sign in and out, password reset and
invitations. See matrix.py for the format and world.py for who is who.

Signing in and out writes only sessions and django-axes' log, which the database
fingerprint leaves out (tests/fingerprint.py): so they, and a password reset for an
address nobody has, change nothing the fingerprint sees."""

from datetime import timedelta

from django.utils import timezone

from networks import services
from networks.models import Invitation, Role, RoleAssignment, User

from .matrix import ACTOR, ANONYMOUS, LOGIN, SET, SIGNED_IN, Row, acting, audited, creates, sets
from .world import PERSONAS, extend_world

NEW_PASSWORD = "marmalade kettle lighthouse"


@extend_world
def add_invitations(w) -> None:
    """Invitations from Essex's co-leader, with their raw tokens (only hashes are stored)."""

    def invite(email, role, **scope) -> tuple[Invitation, str]:
        invitation = services.invitation_create(
            inviter=w.users["la_coleader"], email=email, name="Invitee", role=role, **scope
        )
        w.invitations.append(invitation)
        return invitation, invitation.issue_token()  # as its email would, when sent

    w.invitations = []

    w.invitation, w.invitation_token = invite(
        "invitee@example.org", Role.CLUSTER_MEMBER, cluster=w.cluster
    )
    # For someone who already has an account: only they, signed in, may accept it.
    w.existing_account_invitation, w.existing_account_token = invite(
        w.users["cluster_member"].email, Role.SCHOOL_CONTACT, school=w.school
    )
    used, w.used_token = invite("used@example.org", Role.LA_OFFICER, la=w.la)
    services.invitation_accept(invitation=used, name="Used Already", password=NEW_PASSWORD)
    _, w.expired_token = invite("late@example.org", Role.CLUSTER_LEAD, cluster=w.cluster)
    # Time passing has no service: move the expiry into the past instead.
    Invitation.objects.filter(email="late@example.org").update(
        expires_at=timezone.now() - timedelta(days=1)
    )


SIGNED_IN_PERSONAS = [p for p in PERSONAS if p != ANONYMOUS]
# Anyone signed in who is sent away from the sign-in page: a plain redirect home.
SIGNED_IN_REDIRECTED = {p: 302 for p in SIGNED_IN_PERSONAS}

# Only staff and LA co-leaders invite. Everyone else signed in can see Essex and its
# cluster (world.py), so a request naming them is refused with 403, not 404.
INVITERS = {ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 200}
ESSEX_INVITERS = {ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 404}


def _invite_cluster_member(w) -> dict:
    return {
        "name": "Invitee",
        "email": "someone.new@example.org",
        "role": Role.CLUSTER_MEMBER,
        "cluster": w.cluster.pk,
    }


ROWS: list[Row] = [
    # --- Signing in and out
    Row("sign_in", expect=SIGNED_IN_REDIRECTED, default=200),
    Row("sign_in", method="post", expect=SIGNED_IN_REDIRECTED, default=200, label="empty"),
    Row("sign_out", default=405),
    # Everyone, signed in or not, ends up on the "You have signed out" page.
    Row("sign_out", method="post", default=302),
    Row("signed_out", default=200),
    Row("signed_out", method="post", default=405),
    # --- Password reset: open to all; the same answer whether or not the address exists
    Row("password_reset", default=200),
    Row("password_reset", method="post", data=lambda w: {"email": "x@example.org"}, default=302),
    Row("password_reset_done", default=200),
    Row("password_reset_done", method="post", default=405),
    Row(
        "password_reset_confirm",
        args=lambda w: ["MQ", "not-a-token"],
        default=200,
        label="bad link",
    ),
    Row("password_reset_complete", default=200),
    Row("password_reset_complete", method="post", default=405),
    # --- Invitations sent: everyone signed in has a (possibly empty) list
    Row("invitation_list", expect=SIGNED_IN),
    Row("invitation_list", method="post", default=405),
    # --- Invite someone. (?cluster=PK is covered by tests/networks/test_invitations.py:
    # a row's query is fixed, and the world's cluster has no fixed pk.)
    Row("invitation_create", expect=INVITERS, default=403),
    Row("invitation_create", query={"la": "881"}, expect=ESSEX_INVITERS, default=403, label="la"),
    Row(
        "invitation_create",
        query={"la": "928"},
        expect={
            ANONYMOUS: LOGIN,
            "staff": 200,
            "outsider": 200,
            # They can see Northamptonshire but do not lead it.
            "national_facilitator": 403,
            "la_facilitator": 403,
        },
        default=404,
        label="other la",
    ),
    Row(
        "invitation_create",
        query={"la": "999"},
        expect={ANONYMOUS: LOGIN},
        default=404,
        label="no such la",
    ),
    Row(
        "invitation_create",
        query={"cluster": "0"},
        expect={ANONYMOUS: LOGIN},
        default=404,
        label="no such cluster",
    ),
    Row(
        "invitation_create",
        method="post",
        data=_invite_cluster_member,
        # The outsider's POST names a cluster they do not lead: a form error (200).
        expect={ANONYMOUS: LOGIN, "staff": 302, "la_coleader": 302, "outsider": 200},
        default=403,
        effects=acting(
            ("staff", "la_coleader"),
            creates(
                Invitation,
                email="someone.new@example.org",
                role=Role.CLUSTER_MEMBER,
                cluster=lambda w: w.cluster,
                invited_by=ACTOR,
                accepted_at=None,
            ),
        ),
    ),
    Row("invitation_create", method="put", default=405),
    # --- Send again: only the inviter (Essex's co-leader); for anyone else it is not there
    Row(
        "invitation_resend",
        args=lambda w: [w.invitations[0].pk],
        method="post",
        expect={ANONYMOUS: LOGIN, "la_coleader": 302},
        default=404,
        # Valid for the full period again (its waiting email will carry a fresh link).
        effects=acting(("la_coleader",), audited("networks.invitation.resent")),
    ),
    # Accepted already: the inviter is told so, and nothing changes.
    Row(
        "invitation_resend",
        args=lambda w: [w.invitations[2].pk],
        method="post",
        expect={ANONYMOUS: LOGIN, "la_coleader": 302},
        default=404,
        label="used",
    ),
    Row("invitation_resend", args=lambda w: [w.invitations[0].pk], default=405),
    # --- Accepting: the link is the credential, so anyone holding it may use it
    Row("invitation_accept", args=lambda w: [w.invitation_token], default=200),
    Row(
        "invitation_accept",
        args=lambda w: [w.invitation_token],
        method="post",
        data=lambda w: {"name": "Invitee", "password": NEW_PASSWORD},
        default=302,
        # Whoever holds the link, signed in or not, makes the invitee's account.
        effects=acting(
            PERSONAS,
            sets(lambda w: w.invitation, accepted_at=SET),
            creates(User, email="invitee@example.org", name="Invitee"),
            creates(
                RoleAssignment,
                user__email="invitee@example.org",
                role=Role.CLUSTER_MEMBER,
                cluster=lambda w: w.cluster,
            ),
        ),
    ),
    Row(
        "invitation_accept",
        args=lambda w: [w.invitation_token],
        method="post",
        data=lambda w: {"name": "Invitee", "password": "short"},
        default=200,
        label="weak password",
    ),
    Row(
        "invitation_accept",
        args=lambda w: [w.existing_account_token],
        default=200,
        label="existing account",
    ),
    Row(
        "invitation_accept",
        args=lambda w: [w.existing_account_token],
        method="post",
        expect={"cluster_member": 302},
        default=403,
        label="existing account",
        effects=acting(
            ("cluster_member",),
            sets(lambda w: w.existing_account_invitation, accepted_at=SET),
            creates(
                RoleAssignment, user=ACTOR, role=Role.SCHOOL_CONTACT, school=lambda w: w.school
            ),
        ),
    ),
    Row("invitation_accept", args=lambda w: [w.used_token], default=410, label="used"),
    Row("invitation_accept", args=lambda w: [w.expired_token], default=410, label="expired"),
    Row("invitation_accept", args=lambda w: ["not-a-token"], default=404, label="unknown"),
    Row(
        "invitation_accept",
        args=lambda w: [w.invitation_token],
        method="put",
        default=405,
    ),
]
