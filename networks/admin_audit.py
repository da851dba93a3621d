"""Admin changes go to the audit log too.

Django's admin saves inside a transaction and then calls log_addition / log_change /
log_deletions; writing the AuditEntry there puts it in that same transaction. The
entry's `changes` carries the admin's own change message (which names the fields
and the inline rows changed).
"""

from __future__ import annotations

import json

from django.contrib import admin

from .audit import audit


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every add, change and delete writes an AuditEntry."""

    def audit_la(self, obj):
        """The LA whose trail an admin change to `obj` belongs to (None: staff only)."""
        return None

    def _audit(self, request, obj, verb: str, message) -> None:
        meta = obj._meta
        if isinstance(message, list):  # the admin's structured change message
            message = json.dumps(message)
        audit(
            request.user,
            f"{meta.app_label}.{meta.model_name}.{verb}_in_admin",
            obj,
            {"message": message} if message else {},
            la=self.audit_la(obj),
        )

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "added", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "changed", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "deleted", "")
        return super().log_deletions(request, queryset)
