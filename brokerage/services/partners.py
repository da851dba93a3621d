"""Partners beyond the schools, and partnerships with a network or a project."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from networks.audit import audit
from networks.models import LocalAuthority, User

from .. import rules
from ..models import Partner, Partnership, PartnershipStatus, Sector
from ._common import BrokerageError, any_date, choice, in_order, line, require, same_la, text


@transaction.atomic
def partner_create(
    *,
    actor: User,
    la: LocalAuthority,
    name: str,
    sector: str,
    contact: str = "",
    notes: str = "",
) -> Partner:
    """An organisation beyond the schools, known to the LA by a name unique in it."""
    require(rules.records_la(actor, la.pk))
    name = line(name, "organisation's name")
    taken = f"{la.name} already has a partner called “{name}”."
    if Partner.objects.filter(la=la, name__iexact=name).exists():
        raise BrokerageError(taken)
    try:
        # A savepoint: two people adding the same partner at once meet the unique
        # constraint, and the second is told rather than shown an error page.
        with transaction.atomic():
            partner = Partner.objects.create(
                la=la,
                name=name,
                sector=choice(sector, Sector, "sector"),
                contact=line(contact, "contact", required=False),
                notes=text(notes, "notes", required=False),
                recorded_by=actor,
            )
    except IntegrityError as error:
        raise BrokerageError(taken) from error
    audit(actor, "brokerage.partner.created", partner, {"name": name, "sector": sector}, la=la)
    return partner


@transaction.atomic
def partnership_create(
    *,
    actor: User,
    partner: Partner,
    purpose: str,
    cluster=None,
    project=None,
    starts_on=None,
    ends_on=None,
    status: str = PartnershipStatus.ACTIVE,
) -> Partnership:
    """Link a partner to one of the LA's networks (a cluster or an Area Improvement
    Partnership) or to one of its projects."""
    require(rules.manages(actor, partner))
    la = partner.la
    if (cluster is None) == (project is None):
        raise BrokerageError("Choose one network or project for the partnership.")
    if cluster is not None:
        same_la(cluster, la, "networks")
    else:
        same_la(project, la, "projects")
    starts_on = any_date(starts_on, "start date")
    ends_on = any_date(ends_on, "end date")
    in_order(starts_on, ends_on)
    partnership = Partnership.objects.create(
        la=la,
        partner=partner,
        cluster=cluster,
        project=project,
        purpose=text(purpose, "purpose"),
        starts_on=starts_on,
        ends_on=ends_on,
        status=choice(status, PartnershipStatus, "status"),
        recorded_by=actor,
    )
    audit(
        actor,
        "brokerage.partnership.created",
        partnership,
        {
            "partner": partner.pk,
            "cluster": getattr(cluster, "pk", None),
            "project": getattr(project, "pk", None),
            "status": status,
        },
        la=la,
    )
    return partnership


@transaction.atomic
def partnership_set_status(
    *, actor: User, partnership: Partnership, status: str, ends_on=None
) -> Partnership:
    """Move a partnership on (proposed, active, paused, ended). Ending one dates it:
    the date given, or today."""
    require(rules.manages(actor, partnership))
    status = choice(status, PartnershipStatus, "status")
    ends_on = any_date(ends_on, "end date")
    if status == PartnershipStatus.ENDED and ends_on is None:
        ends_on = partnership.ends_on or timezone.localdate()
    in_order(partnership.starts_on, ends_on)
    before = {"status": partnership.status, "ends_on": partnership.ends_on}
    partnership.status = status
    if ends_on is not None:
        partnership.ends_on = ends_on
    after = {"status": partnership.status, "ends_on": partnership.ends_on}
    if after == before:
        raise BrokerageError(
            f"The partnership is already {partnership.get_status_display().lower()}."
        )
    partnership.save(update_fields=["status", "ends_on"])
    audit(
        actor,
        "brokerage.partnership.status_changed",
        partnership,
        {key: [before[key], after[key]] for key in after if before[key] != after[key]},
        la=partnership.la_id,
    )
    return partnership
