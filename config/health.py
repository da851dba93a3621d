"""Readiness: can this deployment do its work? (Liveness is /healthz/, in urls.py.)

/readyz/ checks the database, the broker and the email outbox, and answers 200 when
all are well, 503 otherwise, with a small JSON body saying which. It needs no
session and renders no template. Point deploy checks and monitoring here; a load
balancer should keep using /healthz/: pages still work with the broker down, and
taking every web process out of service because mail is slow would turn a delay
into an outage.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app
from notifications.selectors import oldest_pending_email_at

log = logging.getLogger(__name__)


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        log.warning("Readiness: database unavailable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _broker() -> dict:
    try:
        with app.connection_for_write() as conn:
            # One attempt, within the connect timeout: a probe must answer quickly.
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
    except Exception as exc:  # whatever the transport raises, the broker is not usable
        log.warning("Readiness: broker unavailable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _email(database_ok: bool) -> dict:
    if not database_ok:
        return {"ok": False, "error": "database unavailable"}
    oldest = oldest_pending_email_at()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    limit = settings.READY_MAX_EMAIL_AGE.total_seconds()
    return {"ok": age <= limit, "oldest_pending_seconds": round(age), "limit_seconds": limit}


@never_cache
@require_GET
def readyz(request):
    checks = {"database": _database(), "broker": _broker()}
    checks["email"] = _email(checks["database"]["ok"])
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)
