"""Writes for clusters and their membership: setting a cluster up, changing it, schools
joining and leaving, the lead school, and a cluster lead's proposals for the LA.

Each service is keyword-only and atomic, checks permission itself (PermissionDenied),
refuses bad input with a ClusterError the person can read (nothing changed), and
writes one audit entry in the same transaction, filed in the host LA's trail.

Memberships are history: a school leaving gets a leaving date, never a deletion, so
the cluster's past stays on record. Membership is voluntary (domain.md, brokerage
role 1): the host LA's officers record who is in; a cluster lead may propose a
school, and the LA confirms or declines.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from . import rules
from .audit import audit
from .models import Cluster, LocalAuthority, Membership, MembershipProposal, School, User
from .validators import refuse_control_characters


def _day(day: dt.date) -> str:
    return date_format(day, "j F Y")


class ClusterError(Exception):
    """A refusal the person can read and act on, e.g. "It is already a member"."""


CLUSTER_FIELDS = ("name", "kind", "description", "founded_on")


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ClusterError("Give the cluster a name.")
    try:
        refuse_control_characters(name)
    except ValidationError as error:
        raise ClusterError(error.messages[0]) from None
    return name


def _not_in_future(day: dt.date | None, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ClusterError(f"The {what} cannot be in the future.")


def _check_details(*, name: str, kind: str, founded_on, host_la, exclude=None) -> str:
    name = _clean_name(name)
    if kind not in Cluster.Kind.values:
        raise ClusterError("Choose what kind of network it is.")
    _not_in_future(founded_on, "founding date")
    same_name = Cluster.objects.filter(host_la=host_la, name__iexact=name)
    if exclude is not None:
        same_name = same_name.exclude(pk=exclude.pk)
    if same_name.exists():
        raise ClusterError(f"{host_la.name} already hosts a cluster called “{name}”.")
    return name


def _lock(cluster: Cluster) -> None:
    """Serialise membership changes to one cluster (who leads it, who is in)."""
    Cluster.objects.select_for_update().filter(pk=cluster.pk).values_list("pk").get()


# --- The cluster itself ---------------------------------------------------------------


@transaction.atomic
def cluster_create(
    *,
    actor: User,
    host_la: LocalAuthority,
    name: str,
    kind: str = Cluster.Kind.CLUSTER,
    description: str = "",
    founded_on: dt.date | None = None,
) -> Cluster:
    """Set up a cluster hosted by an LA (its co-leaders and officers, or staff)."""
    if not rules.may_create_cluster_in(actor, host_la):
        raise PermissionDenied
    name = _check_details(name=name, kind=kind, founded_on=founded_on, host_la=host_la)
    try:
        # A savepoint: two officers creating the same name at once meet the unique
        # constraint, and the second is told rather than shown an error page.
        with transaction.atomic():
            cluster = Cluster.objects.create(
                host_la=host_la,
                name=name,
                kind=kind,
                description=description.strip(),
                founded_on=founded_on,
            )
    except IntegrityError as error:
        raise ClusterError(f"{host_la.name} already hosts a cluster called “{name}”.") from error
    audit(
        actor,
        "networks.cluster.created",
        cluster,
        {"name": name, "kind": kind, "host_la": host_la.code, "founded_on": founded_on},
        la=host_la,
    )
    return cluster


@transaction.atomic
def cluster_update(
    *,
    actor: User,
    cluster: Cluster,
    name: str,
    kind: str,
    description: str = "",
    founded_on: dt.date | None = None,
) -> dict:
    """Change a cluster's name, kind, description or founding date.

    Returns what changed ({field: [before, after]}); nothing changed writes nothing.
    """
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    name = _check_details(
        name=name, kind=kind, founded_on=founded_on, host_la=cluster.host_la, exclude=cluster
    )
    earliest = (
        cluster.memberships.exclude(joined_on=None)
        .order_by("joined_on")
        .values_list("joined_on", flat=True)
        .first()
    )
    if founded_on and earliest is not None and earliest < founded_on:
        raise ClusterError(f"A school joined on {_day(earliest)}, before that founding date.")
    after = {
        "name": name,
        "kind": kind,
        "description": description.strip(),
        "founded_on": founded_on,
    }
    changes = {
        field: [getattr(cluster, field), value]
        for field, value in after.items()
        if getattr(cluster, field) != value
    }
    if not changes:
        return {}
    for field, (_before, value) in changes.items():
        setattr(cluster, field, value)
    try:
        with transaction.atomic():
            cluster.save(update_fields=list(changes))
    except IntegrityError as error:
        raise ClusterError(
            f"{cluster.host_la.name} already hosts a cluster called “{name}”."
        ) from error
    audit(actor, "networks.cluster.changed", cluster, changes, la=cluster.host_la_id)
    return changes


# --- Members ----------------------------------------------------------------------------


def _joining_date(cluster: Cluster, school: School, joined_on: dt.date | None) -> dt.date:
    joined_on = joined_on or timezone.localdate()
    _not_in_future(joined_on, "joining date")
    if cluster.founded_on and joined_on < cluster.founded_on:
        raise ClusterError(
            f"{school.name} cannot join before {cluster.name} was founded "
            f"({_day(cluster.founded_on)})."
        )
    return joined_on


def _check_can_join(cluster: Cluster, school: School) -> None:
    if school.status == School.Status.CLOSED:
        raise ClusterError(f"{school.name} has closed.")
    if cluster.memberships.filter(school=school, left_on__isnull=True).exists():
        raise ClusterError(f"{school.name} is already a member of {cluster.name}.")


def _join(cluster: Cluster, school: School, joined_on: dt.date, is_lead: bool) -> Membership:
    try:
        with transaction.atomic():  # a savepoint, for a lost race on the open membership
            membership = Membership.objects.create(
                cluster=cluster, school=school, joined_on=joined_on, is_lead=is_lead
            )
    except IntegrityError as error:
        raise ClusterError(f"{school.name} is already a member of {cluster.name}.") from error
    if is_lead:
        _only_lead(cluster, membership)
    return membership


def _only_lead(cluster: Cluster, lead: Membership) -> list[int]:
    """Make `lead` the one lead school among current members; the schools that were."""
    others = cluster.memberships.filter(left_on__isnull=True, is_lead=True).exclude(pk=lead.pk)
    was = list(others.values_list("school_id", flat=True))
    others.update(is_lead=False)
    return was


@transaction.atomic
def membership_add(
    *,
    actor: User,
    cluster: Cluster,
    school: School,
    joined_on: dt.date | None = None,
    is_lead: bool = False,
) -> Membership:
    """Record that a school has joined the cluster (any LA's school may join)."""
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    _lock(cluster)
    _check_can_join(cluster, school)
    joined_on = _joining_date(cluster, school, joined_on)
    membership = _join(cluster, school, joined_on, is_lead)
    # A lead's proposal of this school is answered by the school joining.
    answered = list(
        MembershipProposal.objects.pending()
        .filter(cluster=cluster, school=school)
        .values_list("pk", flat=True)
    )
    MembershipProposal.objects.filter(pk__in=answered).update(
        status=MembershipProposal.Status.CONFIRMED,
        decided_by=actor,
        decided_at=timezone.now(),
        membership=membership,
    )
    audit(
        actor,
        "networks.membership.added",
        membership,
        {
            "cluster": cluster.pk,
            "school": school.urn,
            "joined_on": joined_on,
            "is_lead": is_lead,
            **({"proposal": answered[0]} if answered else {}),
        },
        la=cluster.host_la_id,
    )
    return membership


@transaction.atomic
def membership_end(
    *, actor: User, membership: Membership, left_on: dt.date | None = None
) -> Membership:
    """Record that a school has left. The membership stays on record, with its dates."""
    cluster = membership.cluster
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    school = membership.school
    left_on = left_on or timezone.localdate()
    _not_in_future(left_on, "leaving date")
    if membership.joined_on and left_on < membership.joined_on:
        raise ClusterError(
            f"{school.name} cannot leave before it joined ({_day(membership.joined_on)})."
        )
    # Conditional UPDATE: of two people ending it at once, one ends it, one is told.
    ended = Membership.objects.filter(pk=membership.pk, left_on__isnull=True).update(
        left_on=left_on
    )
    if not ended:
        raise ClusterError(f"{school.name} has already left {cluster.name}.")
    membership.left_on = left_on
    audit(
        actor,
        "networks.membership.ended",
        membership,
        {"cluster": cluster.pk, "school": school.urn, "left_on": left_on},
        la=cluster.host_la_id,
    )
    return membership


@transaction.atomic
def membership_set_lead(*, actor: User, membership: Membership) -> Membership:
    """Name the cluster's lead school: this current member, and no other."""
    cluster = membership.cluster
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    _lock(cluster)
    membership.refresh_from_db(fields=["left_on", "is_lead", "joined_on"])
    if not membership.is_active_on():
        raise ClusterError(f"{membership.school.name} is not a member of {cluster.name} now.")
    was = _only_lead(cluster, membership)
    if membership.is_lead and not was:
        raise ClusterError(f"{membership.school.name} is already the lead school.")
    if not membership.is_lead:
        membership.is_lead = True
        membership.save(update_fields=["is_lead"])
    audit(
        actor,
        "networks.membership.lead_changed",
        membership,
        {"cluster": cluster.pk, "from": was, "to": membership.school_id},
        la=cluster.host_la_id,
    )
    return membership


# --- A cluster lead's proposals -----------------------------------------------------


@transaction.atomic
def membership_propose(
    *, actor: User, cluster: Cluster, school: School, note: str = ""
) -> MembershipProposal:
    """A cluster lead asks the host LA to add a school to their cluster."""
    if not rules.may_propose_member(actor, cluster):
        raise PermissionDenied
    _check_can_join(cluster, school)
    if MembershipProposal.objects.pending().filter(cluster=cluster, school=school).exists():
        raise ClusterError(f"{school.name} has already been proposed; the LA has yet to answer.")
    try:
        with transaction.atomic():
            proposal = MembershipProposal.objects.create(
                cluster=cluster, school=school, proposed_by=actor, note=note.strip()
            )
    except IntegrityError as error:
        raise ClusterError(
            f"{school.name} has already been proposed; the LA has yet to answer."
        ) from error
    audit(
        actor,
        "networks.membership.proposed",
        proposal,
        {"cluster": cluster.pk, "school": school.urn, "note": proposal.note},
        la=cluster.host_la_id,
    )
    return proposal


def _answer(proposal: MembershipProposal, actor: User, status: str, note: str) -> None:
    """Claim the pending proposal with a conditional UPDATE: of two officers answering
    at once, one answers and the other is told."""
    answered = MembershipProposal.objects.filter(
        pk=proposal.pk, status=MembershipProposal.Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=timezone.now(), decision_note=note)
    if not answered:
        raise ClusterError("Someone has already answered this proposal.")
    proposal.refresh_from_db()


@transaction.atomic
def membership_confirm(
    *,
    actor: User,
    proposal: MembershipProposal,
    joined_on: dt.date | None = None,
    note: str = "",
) -> Membership:
    """The host LA confirms a proposal: the school joins the cluster."""
    cluster, school = proposal.cluster, proposal.school
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    _lock(cluster)
    _check_can_join(cluster, school)
    joined_on = _joining_date(cluster, school, joined_on)
    _answer(proposal, actor, MembershipProposal.Status.CONFIRMED, note.strip())
    membership = _join(cluster, school, joined_on, is_lead=False)
    proposal.membership = membership
    proposal.save(update_fields=["membership"])
    audit(
        actor,
        "networks.membership.confirmed",
        proposal,
        {
            "cluster": cluster.pk,
            "school": school.urn,
            "membership": membership.pk,
            "joined_on": joined_on,
        },
        la=cluster.host_la_id,
    )
    return membership


@transaction.atomic
def membership_decline(
    *, actor: User, proposal: MembershipProposal, note: str = ""
) -> MembershipProposal:
    """The host LA declines a proposal, saying why for the cluster lead to read."""
    cluster = proposal.cluster
    if not rules.manages_members(actor, cluster):
        raise PermissionDenied
    _answer(proposal, actor, MembershipProposal.Status.DECLINED, note.strip())
    audit(
        actor,
        "networks.membership.declined",
        proposal,
        {"cluster": cluster.pk, "school": proposal.school.urn, "note": proposal.decision_note},
        la=cluster.host_la_id,
    )
    return proposal
