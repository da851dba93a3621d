"""Background work for enquiries: the feedback-loop tick.

Options as for every task of ours (networks/tasks.py explains them): acknowledged as
it starts, no Celery retries, hard time limits. The database is the source of truth:
a tick lost to a dead worker or a down broker leaves its loops due, and the next
tick (five minutes on) finds them. Asserted in tests/test_task_options.py.
"""

from __future__ import annotations

from celery import shared_task

from .services.feedback import run_due_feedback_loops


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def run_feedback_loops() -> int:
    """Every five minutes (beat schedule in settings): open the feedback loops whose
    opening day has come, remind the clusters that have not answered three days before
    a loop closes, and close the loops whose closing day has ended, circulating their
    digests. Returns how many steps it took."""
    return run_due_feedback_loops()
