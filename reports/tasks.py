"""Background work for case-study reports (options as for every task of ours,
networks/tasks.py; asserted in tests/test_task_options.py). Tasks take ids only.

The ReportBuild row is the source of truth: its lease (settings.REPORT_BUILD_LEASE,
longer than the build's hard time limit) lets the sweep queue a build again when a
worker dies mid-build, and the claim makes sure only one worker builds it.
"""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=False, max_retries=0, soft_time_limit=200, time_limit=240)
def build_case_study(build_id: int) -> bool:
    """Build one requested case study and file it in the project's archive."""
    return services.report_build_run(build_id)


@shared_task(acks_late=False, max_retries=0, soft_time_limit=50, time_limit=60)
def sweep_report_builds() -> int:
    """Every minute (beat): queue again the builds whose worker died or whose message
    was lost; give up on those tried too often."""
    return services.report_builds_sweep()
