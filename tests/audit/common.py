"""What the audit tables share: a fixed day for recorded dates, and preparing a
service's inputs without counting the entries that wrote."""

from __future__ import annotations

import datetime as dt

from networks.models import AuditEntry

DAY = dt.date(2025, 11, 12)


def then(prepare, act):
    """Prepare what the service needs, forget the entries that wrote, then act."""

    def run(w):
        made = prepare(w)
        AuditEntry.objects.all().delete()
        return act(w, made)

    return run
