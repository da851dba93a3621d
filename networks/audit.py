"""Writing the audit log. Every service that changes data calls `audit()` inside its
own transaction, so the entry commits or rolls back with the change it records."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import Truncator

from .models.audit import AuditEntry

# app.thing.verb, lower case with underscores: "enquiries.question.revised".
ACTION_RE = re.compile(r"[a-z_]+(\.[a-z_]+){2,}")


def audit(
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    *,
    la=None,
) -> AuditEntry:
    """Record that `actor` did `action` to `obj`; `la` files it in that LA's trail.

    Must run inside the transaction that makes the change (a service's
    `transaction.atomic`): an entry for a change that rolled back would be a lie.
    """
    if not ACTION_RE.fullmatch(action):
        raise ValueError(f"Audit action codes look like 'app.thing.verb', not {action!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit() must run inside the transaction that makes the change")
    actor_id = getattr(actor, "pk", actor)
    return AuditEntry.objects.create(
        actor_id=actor_id if getattr(actor, "is_authenticated", True) else None,
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=Truncator(str(obj)).chars(200) if obj is not None else "",
        la_id=getattr(la, "pk", la),
        changes=changes or {},
    )
