"""Periodic work for the enquiries app (schedules in settings.CELERY_BEAT_SCHEDULE):
the feedback-loop tick and the reflective-log reminder sweep.

Options as for every task of ours (networks/tasks.py explains them; asserted in
tests/test_task_options.py): acknowledged as it starts, no Celery retries, hard time
limits below the email lease. The database is the source of truth: a tick lost to a
dead worker or a down broker leaves its work due, and the next tick finds it.
"""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from . import reminders
from .services.feedback import run_due_feedback_loops


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def run_feedback_loops() -> int:
    """Every five minutes (beat schedule in settings): open the feedback loops whose
    opening day has come, remind the clusters that have not answered three days before
    a loop closes, and close the loops whose closing day has ended, circulating their
    digests. Returns how many steps it took."""
    return run_due_feedback_loops()


@shared_task(acks_late=False, max_retries=0, soft_time_limit=200, time_limit=240)
def send_log_reminders(at: str | None = None) -> int:
    """Hourly through the working day: remind everyone due a reflective log entry.

    `at` (an ISO 8601 moment) runs the sweep as of then instead of now: for an
    operator catching up after an outage, and for tests with real workers.
    """
    return reminders.send_log_reminders(now=datetime.fromisoformat(at) if at else None)
