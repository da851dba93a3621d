"""Knowledge exchange: a practice moved from one network to others."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from networks.validators import refuse_control_characters

from .. import access_q
from .base import BrokerageRecord, RecordQuerySet


class KnowledgeExchangeQuerySet(RecordQuerySet):
    def visible_to(self, user) -> KnowledgeExchangeQuerySet:
        return self.filter(access_q.visible_exchanges(user))


class KnowledgeExchange(BrokerageRecord):
    practice = models.CharField(max_length=200, validators=[refuse_control_characters])
    description = models.TextField(blank=True)
    # Where it came from: one of the networks on the platform, or described in words
    # (a school, a conference, another authority's network not recorded here).
    source_cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_shared",
        verbose_name="came from",
    )
    source_note = models.CharField(
        "came from (in words)", max_length=300, blank=True, validators=[refuse_control_characters]
    )
    target_clusters = models.ManyToManyField(
        "networks.Cluster", related_name="knowledge_received", verbose_name="went to"
    )
    shared_on = models.DateField("date")
    how = models.CharField(
        "how it moved", max_length=200, blank=True, validators=[refuse_control_characters]
    )
    outcome = models.TextField(blank=True)

    objects = KnowledgeExchangeQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_cluster__isnull=False) | ~Q(source_note=""),
                name="brokerage_exchange_has_a_source",
            )
        ]

    def __str__(self) -> str:
        return self.practice

    @property
    def source_label(self) -> str:
        return self.source_cluster.name if self.source_cluster else self.source_note
