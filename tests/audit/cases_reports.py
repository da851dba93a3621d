"""The audit table's rows for the reports services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from reports import services as report_services
from reports.models import ReportBuild
from tests.audit.common import then


def _report_requested(w):
    return report_services.report_build_request(actor=w.person("co_x"), project=w.project_x)


def _report_stuck(w):
    build = _report_requested(w)
    ReportBuild.objects.filter(pk=build.pk).update(
        status="building", attempts=3, claim_expires_at=timezone.now() - timedelta(seconds=1)
    )
    return build


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
REPORT_CASES = [
    ("report_build_request", _report_requested, ["reports.build.requested"], "x"),
    (
        "report_build_run",
        then(_report_requested, lambda w, build: report_services.report_build_run(build.pk)),
        ["enquiries.archive_item.created", "reports.build.finished"],
        "x",
    ),
    (
        "report_builds_sweep",
        then(_report_stuck, lambda w, build: report_services.report_builds_sweep()),
        ["reports.build.failed"],
        "x",
    ),
]
