"""Resources brokered for a network (funding and facilitation time), and services a
network commissions on its schools' behalf, with reviews of their impact."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from networks.validators import refuse_control_characters

from .. import access_q
from .base import BrokerageRecord, RecordQuerySet
from .choices import FundHolder, FundingSource, ValueForMoney


class ResourceAllocationQuerySet(RecordQuerySet):
    def visible_to(self, user) -> ResourceAllocationQuerySet:
        return self.filter(access_q.visible_resources(user))


class ResourceAllocation(BrokerageRecord):
    """Money (in pounds) or facilitation time brokered for one network."""

    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        related_name="resource_allocations",
        verbose_name="network",
    )
    source = models.CharField(max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField("amount (£)", max_digits=12, decimal_places=2, default=0)
    facilitation_days = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    fund_holder = models.CharField(max_length=10, choices=FundHolder.choices)
    fund_holder_name = models.CharField(
        "fund-holder's name", max_length=200, blank=True, validators=[refuse_control_characters]
    )
    purpose = models.TextField()
    allocated_on = models.DateField("date allocated")

    objects = ResourceAllocationQuerySet.as_manager()

    class Meta:
        ordering = ["-allocated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(facilitation_days__gte=0),
                name="brokerage_resource_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(facilitation_days__gt=0),
                name="brokerage_resource_brokers_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} for {self.cluster}"


class CommissionedServiceQuerySet(RecordQuerySet):
    def visible_to(self, user) -> CommissionedServiceQuerySet:
        return self.filter(access_q.visible_services(user))

    def review_due(self, by: dt.date | None = None) -> CommissionedServiceQuerySet:
        """Services whose next impact review falls on or before `by` (today)."""
        return self.filter(next_review_on__lte=by or timezone.localdate())


class CommissionedService(BrokerageRecord):
    """A service a network (often an Area Improvement Partnership's strategic group)
    commissions from a provider for some of its schools."""

    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        related_name="commissioned_services",
        verbose_name="commissioned by",
    )
    provider = models.ForeignKey(
        "brokerage.Partner", on_delete=models.PROTECT, related_name="commissioned_services"
    )
    title = models.CharField(
        "what was commissioned", max_length=200, validators=[refuse_control_characters]
    )
    description = models.TextField(blank=True)
    schools = models.ManyToManyField("networks.School", related_name="commissioned_services")
    cost = models.DecimalField("cost (£)", max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    next_review_on = models.DateField("next impact review", null=True, blank=True)
    # The latest impact review's judgement (blank until the first review).
    value_for_money = models.CharField(max_length=10, choices=ValueForMoney.choices, blank=True)

    objects = CommissionedServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                name="brokerage_service_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="brokerage_service_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("brokerage:service_detail", args=[self.pk])

    @property
    def review_is_due(self) -> bool:
        return self.next_review_on is not None and self.next_review_on <= timezone.localdate()


class ImpactReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImpactReviewQuerySet:
        return self.filter(access_q.visible_impact_reviews(user))


class ImpactReview(models.Model):
    """A look at what a commissioned service achieved, with a value-for-money judgement."""

    service = models.ForeignKey(
        CommissionedService, on_delete=models.CASCADE, related_name="impact_reviews"
    )
    reviewed_on = models.DateField("date of review")
    findings = models.TextField("impact found")
    value_for_money = models.CharField(max_length=10, choices=ValueForMoney.choices)
    next_review_on = models.DateField("next review", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ImpactReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Impact review of {self.service} on {self.reviewed_on:%d %b %Y}"
