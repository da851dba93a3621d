"""Partners beyond the schools, and the partnerships linking them to a network (a
cluster, or an Area Improvement Partnership: a cluster of kind "aip") or a project."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse

from networks.models import Cluster
from networks.validators import refuse_control_characters

from .. import access_q
from .base import BrokerageRecord, RecordQuerySet
from .choices import PartnershipStatus, Sector


class PartnerQuerySet(RecordQuerySet):
    def visible_to(self, user) -> PartnerQuerySet:
        return self.filter(access_q.visible_partners(user))


class Partner(BrokerageRecord):
    """An organisation beyond the schools that the LA brokers partnerships with."""

    name = models.CharField(max_length=200, validators=[refuse_control_characters])
    sector = models.CharField(max_length=20, choices=Sector.choices)
    contact = models.CharField(
        "contact", max_length=200, blank=True, validators=[refuse_control_characters]
    )
    notes = models.TextField(blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "la", name="brokerage_partner_name_unique_in_la")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("brokerage:partner_detail", args=[self.pk])


class PartnershipQuerySet(RecordQuerySet):
    def visible_to(self, user) -> PartnershipQuerySet:
        return self.filter(access_q.visible_partnerships(user))


class Partnership(BrokerageRecord):
    """A partner working with one network or one project, for a purpose, over a time."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="partnerships")
    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brokerage_partnerships",
    )
    project = models.ForeignKey(
        "enquiries.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brokerage_partnerships",
    )
    purpose = models.TextField()
    starts_on = models.DateField("start date", null=True, blank=True)
    ends_on = models.DateField("end date", null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cluster__isnull=False, project__isnull=True)
                | Q(cluster__isnull=True, project__isnull=False),
                name="brokerage_partnership_links_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="brokerage_partnership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} with {self.with_label}"

    @property
    def with_label(self) -> str:
        """What the partner works with, in words (reads cluster or project: load them)."""
        if self.cluster is not None:
            if self.cluster.kind == Cluster.Kind.AIP:
                return f"{self.cluster.name} (area improvement partnership)"
            return self.cluster.name
        return f"{self.project.title} (LA project)" if self.project else ""

    @property
    def is_ended(self) -> bool:
        return self.status == PartnershipStatus.ENDED

    @property
    def is_active(self) -> bool:
        return self.status == PartnershipStatus.ACTIVE
