"""The audit log: one row for every change a service makes, written in its transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user) -> AuditEntryQuerySet:
        """Staff see every entry; an LA's co-leaders see their LA's trail; others nothing."""
        from networks.scope import scope_for

        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_staff:
            return self
        return self.filter(la_id__in=scope_for(user).coleader_la_ids)


class AuditEntry(models.Model):
    """Who changed what, when: `action` is a namespaced code such as
    `enquiries.question.revised`; `changes` a small JSON of what changed.

    The object is named by content type and id (and a label kept as it was, so the
    entry still reads well after the object is gone). `la` files the entry in one
    LA's trail, which that LA's co-leaders may read.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=200, blank=True)
    la = models.ForeignKey(
        "networks.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="LA",
    )
    changes = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["la", "-created_at"], name="audit_la_newest"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"
