"""Requesting, building and sweeping case-study reports.

`report_build_request` (a person asks) writes a queued ReportBuild and queues the
build task once it commits. `report_build_run` (the task) claims the row with a
lease, collects the sections one by one writing its progress, renders them as HTML
once and prints that HTML as the PDF, and, in one transaction, files the PDF in the
project's research archive (a new version of the "Case study" item, category "case
studies"), keeps the sections' HTML on the build (the page shows the latest finished
build: page and PDF say the same), marks the build done, audits it and notifies the
requester. `report_builds_sweep` (beat, every minute) queues again
every unfinished build whose lease ran out (its worker died) or that was never
claimed (its message was lost), and gives up on one after MAX_ATTEMPTS.

Progress and lease updates are bookkeeping of the task, not changes of anyone's
data: they are not audited (as the outbox's claims are not). The request, the
finished report and a failure are.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from enquiries.models import Project
from enquiries.services import archive_add_version
from networks.audit import audit
from networks.outbox import enqueue_on_commit
from notifications.models import Notification
from notifications.services import notify

from . import rules
from .models import ReportBuild
from .sections import SECTIONS, iter_sections

__all__ = ["ReportError", "report_build_request", "report_build_run", "report_builds_sweep"]

log = logging.getLogger(__name__)

ARCHIVE_CATEGORY = "case-studies"
ARCHIVE_TITLE = "Case study"
# A build is tried this many times (each a claim) before it is given up.
MAX_ATTEMPTS = 3
# A queued build is left to its own message this long before the sweep queues it.
QUEUE_GRACE = timedelta(seconds=30)
SWEEP_LIMIT = 50
# Progress: the sections, then the PDF, then filing it.
_STEPS = len(SECTIONS) + 2


class ReportError(Exception):
    """A request refused for a reason the person can act on."""


def _lease() -> timedelta:
    return settings.REPORT_BUILD_LEASE


def _queue(build_id: int) -> None:
    from .tasks import build_case_study

    enqueue_on_commit(build_case_study, build_id)


@transaction.atomic
def report_build_request(*, actor, project: Project) -> ReportBuild:
    """Queue a build of the project's case study. One at a time per project: while
    one is queued or being built, asking again is refused with a message."""
    if not rules.may_request_report(actor, project):
        raise PermissionDenied
    if ReportBuild.objects.unfinished().filter(project_id=project.pk).exists():
        raise ReportError("The case study is already being built. Wait for it to finish.")
    try:
        with transaction.atomic():
            build = ReportBuild.objects.create(project=project, requested_by=actor)
    except IntegrityError as error:  # two requests at once: the other one won
        raise ReportError(
            "The case study is already being built. Wait for it to finish."
        ) from error
    audit(actor, "reports.build.requested", build, {"project": project.pk}, la=project.la_id)
    _queue(build.pk)
    return build


# --- The build -----------------------------------------------------------------------


def _claim(build_id: int):
    """Claim the build (autocommit, before any work): returns the claim's time, or
    None when it is finished, is no build, or another worker holds a live lease."""
    if isinstance(build_id, bool) or not isinstance(build_id, int):
        return None
    now = timezone.now()
    claimed = (
        ReportBuild.objects.unfinished()
        .filter(pk=build_id, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claim_expires_at__isnull=True) | Q(claim_expires_at__lte=now))
        .update(
            status=ReportBuild.Status.BUILDING,
            claimed_at=now,
            claim_expires_at=now + _lease(),
            attempts=F("attempts") + 1,
            progress=0,
            step="Starting",
            error="",
        )
    )
    if claimed:
        ReportBuild.objects.filter(pk=build_id, started_at__isnull=True).update(started_at=now)
    return now if claimed else None


def _progress(build_id: int, claimed_at, done: int, step: str) -> bool:
    """Write how far the build has come; False when the claim is no longer ours."""
    return bool(
        ReportBuild.objects.filter(
            pk=build_id, claimed_at=claimed_at, status=ReportBuild.Status.BUILDING
        ).update(progress=min(99, round(100 * done / _STEPS)), step=step)
    )


def _filename(project: Project) -> str:
    return (
        f"case-study-{slugify(project.la.name) or project.pk}-{timezone.localdate():%Y-%m-%d}.pdf"
    )


def report_build_run(build_id: int) -> bool:
    """Build one case study (the task). Returns whether this call finished it."""
    from . import pdf

    claimed_at = _claim(build_id)
    if claimed_at is None:
        return False
    build = ReportBuild.objects.select_related(
        "project__la", "project__initiative", "requested_by"
    ).get(pk=build_id)
    project = build.project
    try:
        sections = []
        for done, collected in enumerate(iter_sections(project)):
            if not _progress(build_id, claimed_at, done, collected.title):
                return False
            sections.append(collected)
        if not _progress(build_id, claimed_at, len(SECTIONS), "Making the PDF"):
            return False
        sections_html = pdf.render_sections(project, sections)
        content = pdf.render_pdf(project, sections_html)
        if not _progress(build_id, claimed_at, len(SECTIONS) + 1, "Filing it in the archive"):
            return False
        return _finish(build, claimed_at, content, sections_html)
    except Exception as error:
        log.exception("Case-study build %s failed", build_id)
        _fail(build_id, claimed_at, f"{type(error).__name__}: {error}"[:500])
        return False


@transaction.atomic
def _finish(build: ReportBuild, claimed_at, content: bytes, sections_html: str) -> bool:
    # Lock the row: a worker whose lease ran out and one that took over never both
    # file a version (the second finds the row no longer claimed by it).
    locked = (
        ReportBuild.objects.select_for_update()
        .filter(pk=build.pk, claimed_at=claimed_at, status=ReportBuild.Status.BUILDING)
        .first()
    )
    if locked is None:
        return False
    project = build.project
    version = archive_add_version(
        actor=build.requested_by,
        project=project,
        category_slug=ARCHIVE_CATEGORY,
        title=ARCHIVE_TITLE,
        filename=_filename(project),
        content=content,
        description="The project's case study, built from its records.",
        note=f"Built on {timezone.localtime():%d %B %Y at %H:%M}",
        permitted=True,
    )
    now = timezone.now()
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportBuild.Status.DONE,
        progress=100,
        step="",
        finished_at=now,
        version=version,
        claim_expires_at=None,
        sections_html=sections_html,
    )
    audit(
        None,
        "reports.build.finished",
        build,
        {"project": project.pk, "version": version.number, "size": version.size},
        la=project.la_id,
    )
    notify(
        recipients=[build.requested_by_id],
        category=Notification.Category.REPORTS,
        event_key=f"reports.build.finished:{build.pk}",
        subject=f"The case study of {project.title} is ready",
        body="It is filed in the project's research archive as a new version.",
        url=reverse("reports:case_study", args=[project.pk]),
    )
    return True


@transaction.atomic
def _fail(build_id: int, claimed_at, error: str) -> None:
    unfinished = ReportBuild.objects.unfinished().filter(pk=build_id)
    if claimed_at is not None:  # the worker's own failure; else the sweep giving up
        unfinished = unfinished.filter(claimed_at=claimed_at)
    failed = unfinished.update(
        status=ReportBuild.Status.FAILED,
        finished_at=timezone.now(),
        error=error,
        claim_expires_at=None,
    )
    if not failed:
        return
    build = ReportBuild.objects.select_related("project").get(pk=build_id)
    audit(None, "reports.build.failed", build, {"error": error}, la=build.project.la_id)
    notify(
        recipients=[build.requested_by_id],
        category=Notification.Category.REPORTS,
        event_key=f"reports.build.failed:{build.pk}",
        subject=f"The case study of {build.project.title} could not be built",
        body="Ask for it again from the case-study page; if it fails again, tell the helpdesk.",
        url=reverse("reports:case_study", args=[build.project_id]),
    )


def report_builds_sweep(*, now=None) -> int:
    """Queue again the unfinished builds nobody holds: a lease run out (the worker
    died) or never claimed (the message lost). Builds tried MAX_ATTEMPTS times are
    given up. Returns how many were queued."""
    now = now or timezone.now()
    free = ReportBuild.objects.unfinished().filter(
        Q(claim_expires_at__lte=now)
        | Q(claim_expires_at__isnull=True, created_at__lte=now - QUEUE_GRACE)
    )
    for build_id in free.filter(attempts__gte=MAX_ATTEMPTS).values_list("pk", flat=True)[
        :SWEEP_LIMIT
    ]:
        _fail(build_id, None, f"Given up after {MAX_ATTEMPTS} attempts (the worker stopped).")
    queued = 0
    for build_id in free.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True)[
        :SWEEP_LIMIT
    ]:
        from .tasks import build_case_study

        try:
            build_case_study.apply_async(args=[build_id])
            queued += 1
        except Exception:  # broker down: the next sweep tries again
            log.warning("Could not queue case-study build %s", build_id, exc_info=True)
            break
    return queued
