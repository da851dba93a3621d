"""What every brokerage record shares: the LA whose brokerage it is, who recorded it
and when. The LA decides who reads and records it (brokerage/access_q.py) and whose
audit trail its changes join."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .. import access_q


class BrokerageRecord(models.Model):
    la = models.ForeignKey(
        "networks.LocalAuthority", on_delete=models.PROTECT, related_name="+", verbose_name="LA"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True


class RecordQuerySet(models.QuerySet):
    """`managed_by` is the same for every kind: the LA's recorders (staff: every LA).
    Each kind's `visible_to` applies its own condition from access_q."""

    def managed_by(self, user):
        return self.filter(access_q.managed(user))
