"""Periodic work for meetings (schedule in settings.CELERY_BEAT_SCHEDULE). Options as
for every task of ours (networks/tasks.py; tests/test_task_options.py)."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from . import sweep


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def run_notes_sweep(at: str | None = None) -> int:
    """Circulate notes whose check-by day has ended and remind clusters before it.
    `at` (ISO 8601) runs it as of then: for catching up, and tests with real workers."""
    return sweep.run_notes_sweep(now=datetime.fromisoformat(at) if at else None)
