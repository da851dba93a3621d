"""The audit table's rows for the networks services: invitations, notification
preferences, clusters and memberships, accounts, the schools register."""

from __future__ import annotations

from networks import account_services, cluster_services
from networks import services as network_services
from networks.gias import import_register
from networks.models import AuditEntry, Cluster, Invitation, Membership, Role
from notifications.services import notification_preferences_update
from tests.factories import MembershipFactory, SchoolFactory


def _accept(w):
    invitation = network_services.invitation_create(
        inviter=w.person("co_x"),
        email="new@example.org",
        name="New Person",
        role=Role.LA_OFFICER,
        la=w.la_x,
    )
    AuditEntry.objects.all().delete()
    network_services.invitation_accept(invitation=invitation, name="New Person", password="x" * 14)


def _invited(w):
    network_services.invitation_create(
        inviter=w.person("co_x"),
        email="hazel.again@example.org",
        name="Hazel",
        role=Role.LA_OFFICER,
        la=w.la_x,
    )
    AuditEntry.objects.all().delete()
    return True


def _oak_in_harlow(w):
    return Membership.objects.select_related("cluster", "school").get(
        cluster=w.cluster_a, school=w.school_oak, left_on=None
    )


def _second_member(w):
    membership = MembershipFactory(cluster=w.cluster_a, school=SchoolFactory(la=w.la_x))
    return Membership.objects.select_related("cluster", "school").get(pk=membership.pk)


def _proposed(w):
    proposal = cluster_services.membership_propose(
        actor=w.person("lead_a"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_x)
    )
    AuditEntry.objects.all().delete()
    return proposal


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
NETWORK_CASES = [
    (
        "invitation_create",
        lambda w: network_services.invitation_create(
            inviter=w.person("co_x"),
            email="someone@example.org",
            name="Some One",
            role=Role.CLUSTER_MEMBER,
            cluster=w.cluster_a,
        ),
        ["networks.invitation.sent"],
        "x",
    ),
    ("invitation_accept", _accept, ["networks.invitation.accepted", "networks.role.granted"], "x"),
    (
        "invitation_resend",
        lambda w: (
            network_services.invitation_resend(
                invitation=Invitation.objects.get(email="hazel.again@example.org"),
                actor=w.person("co_x"),
            )
            if _invited(w)
            else None
        ),
        ["networks.invitation.resent"],
        "x",
    ),
    (
        "notification_preferences_update",
        lambda w: notification_preferences_update(
            user=w.person("lead_a"), deliveries={"comment": "daily", "alignment": "off"}
        ),
        ["notifications.preferences.changed"],
        None,
    ),
    (
        "cluster_create",
        lambda w: cluster_services.cluster_create(
            actor=w.person("co_x"), host_la=w.la_x, name="Epping cluster"
        ),
        ["networks.cluster.created"],
        "x",
    ),
    (
        "cluster_update",
        lambda w: cluster_services.cluster_update(
            actor=w.person("co_x"),
            cluster=w.cluster_a,
            name="Harlow Learning Partnership",
            kind=Cluster.Kind.PARTNERSHIP,
        ),
        ["networks.cluster.changed"],
        "x",
    ),
    (
        "membership_add",
        lambda w: cluster_services.membership_add(
            actor=w.person("co_x"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_y)
        ),
        ["networks.membership.added"],
        "x",
    ),
    (
        "membership_end",
        lambda w: cluster_services.membership_end(
            actor=w.person("co_x"), membership=_oak_in_harlow(w)
        ),
        ["networks.membership.ended"],
        "x",
    ),
    (
        "membership_set_lead",
        lambda w: cluster_services.membership_set_lead(
            actor=w.person("co_x"), membership=_second_member(w)
        ),
        ["networks.membership.lead_changed"],
        "x",
    ),
    (
        "membership_propose",
        lambda w: cluster_services.membership_propose(
            actor=w.person("lead_a"), cluster=w.cluster_a, school=SchoolFactory(la=w.la_x)
        ),
        ["networks.membership.proposed"],
        "x",
    ),
    (
        "membership_confirm",
        lambda w: cluster_services.membership_confirm(
            actor=w.person("co_x"), proposal=_proposed(w)
        ),
        ["networks.membership.confirmed"],
        "x",
    ),
    (
        "membership_decline",
        lambda w: cluster_services.membership_decline(
            actor=w.person("co_x"), proposal=_proposed(w), note="Not yet"
        ),
        ["networks.membership.declined"],
        "x",
    ),
    (
        "account_update",
        lambda w: account_services.account_update(user=w.person("co_x"), name="Colin X"),
        ["networks.account.changed"],
        None,
    ),
    (
        "account_password_change",
        lambda w: account_services.account_password_change(
            user=w.person("co_x"), password="a new long password"
        ),
        ["networks.account.password_changed"],
        None,
    ),
    (
        "import_register",
        lambda w: import_register(
            rows=[
                {
                    "URN": "900001",
                    "LA (code)": "881",
                    "LA (name)": "Essex",
                    "EstablishmentName": "New Primary",
                    "EstablishmentStatus (name)": "Open",
                }
            ]
        ),
        ["networks.register.imported"],
        None,
    ),
]
