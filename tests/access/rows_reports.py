"""Access-matrix rows for the case-study report (see matrix.py).

Reading it (the page, a build's progress): whoever sees the project. Asking for a
build: its managers (staff, the national team, the co-leader), the officers of its
LA and its LA-to-LA facilitator; the people of its clusters and schools read it but
may not ask (403). The world adds a finished build of the Essex project's case study
(its PDF filed in the research archive, its sections kept for the page), so the page
shows a build and a request makes a new one.
"""

from __future__ import annotations

from django.utils import timezone

from notifications.models import Notification
from reports import services
from reports.models import ReportBuild

from .matrix import ACTOR, ANONYMOUS, LOGIN, Row, acting, audited, creates
from .world import extend_world

OUTSIDER_404 = {ANONYMOUS: LOGIN, "outsider": 404}
REQUESTERS = ("staff", "national_facilitator", "la_coleader", "la_officer", "la_facilitator")
READERS_ONLY = ("link_adviser", "consultant", "cluster_lead", "cluster_member", "school_contact")


@extend_world
def add_case_study(w) -> None:
    build = services.report_build_request(actor=w.users["la_coleader"], project=w.project)
    services.report_build_run(build.pk)
    w.report_build = ReportBuild.objects.get(pk=build.pk)
    assert w.report_build.is_done and w.report_build.has_snapshot
    # Read already, so the notification rows' "mark all read" finds nothing new of ours.
    Notification.objects.filter(event_key__startswith="reports.").update(read_at=timezone.now())


def _page(w) -> list:
    return [w.project.pk]


ROWS: list[Row] = [
    Row("reports:case_study", args=_page, expect=OUTSIDER_404),
    Row(
        "reports:case_study",
        args=lambda w: [w.other_project.pk],
        expect={
            ANONYMOUS: LOGIN,
            "staff": 200,
            "national_facilitator": 200,
            "la_facilitator": 200,  # an officer of Northamptonshire
            "outsider": 200,
        },
        default=404,
        label="other LA",
    ),
    Row("reports:case_study", args=_page, method="post", default=405),
    Row("reports:build_request", args=_page, default=405),
    Row(
        "reports:build_request",
        args=_page,
        method="post",
        expect={**OUTSIDER_404, **dict.fromkeys(REQUESTERS, 302)},
        default=403,
        effects=acting(
            REQUESTERS,
            creates(ReportBuild, project=lambda w: w.project, requested_by=ACTOR, status="queued"),
            audited("reports.build.requested"),
        ),
    ),
    Row(
        "reports:build_progress",
        args=lambda w: [w.report_build.pk],
        expect={**OUTSIDER_404},
        default=302,
        label="without htmx",
    ),
    Row(
        "reports:build_progress",
        args=lambda w: [w.report_build.pk],
        headers={"HTTP_HX_REQUEST": "true"},
        expect={**OUTSIDER_404},
        default=200,
        label="htmx",
    ),
    Row("reports:build_progress", args=lambda w: [w.report_build.pk], method="post", default=405),
]
