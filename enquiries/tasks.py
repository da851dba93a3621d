"""Periodic work for the enquiries app (schedules in settings.CELERY_BEAT_SCHEDULE).

Options as every task of ours (networks/tasks.py says why; tests/test_task_options.py
asserts them): acks early, no Celery retries (the next tick does the work again,
finding only what is still due), and hard time limits below the email lease.
"""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from . import reminders


@shared_task(acks_late=False, max_retries=0, soft_time_limit=200, time_limit=240)
def send_log_reminders(at: str | None = None) -> int:
    """Hourly through the working day: remind everyone due a reflective log entry.

    `at` (an ISO 8601 moment) runs the sweep as of then instead of now: for an
    operator catching up after an outage, and for tests with real workers.
    """
    return reminders.send_log_reminders(now=datetime.fromisoformat(at) if at else None)
