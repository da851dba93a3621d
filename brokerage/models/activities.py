"""Brokerage activities: what an LA did for its networks, under one of the five roles."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from networks.validators import refuse_control_characters

from .. import access_q
from .base import BrokerageRecord, RecordQuerySet
from .choices import BrokerageRole, activity_label


class BrokerageActivityQuerySet(RecordQuerySet):
    def visible_to(self, user) -> BrokerageActivityQuerySet:
        return self.filter(access_q.visible_activities(user))


class BrokerageActivity(BrokerageRecord):
    role = models.CharField("brokerage role", max_length=20, choices=BrokerageRole.choices)
    # One of the role's typical activities (choices.TYPICAL_ACTIVITIES) or "other".
    activity = models.CharField(max_length=40)
    summary = models.CharField(
        "what happened", max_length=200, validators=[refuse_control_characters]
    )
    happened_on = models.DateField("date")
    people = models.TextField("people involved", blank=True)
    clusters = models.ManyToManyField(
        "networks.Cluster", blank=True, related_name="brokerage_activities"
    )
    outcome = models.TextField(blank=True)

    objects = BrokerageActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name_plural = "brokerage activities"
        indexes = [models.Index(fields=["la", "happened_on"], name="brokerage_activity_la_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=BrokerageRole.values), name="brokerage_activity_role_known"
            )
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def activity_label(self) -> str:
        return activity_label(self.role, self.activity)
