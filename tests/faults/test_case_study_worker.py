"""Case-study builds with real Celery workers on a Redis of the test's own:

* a worker builds the PDF a co-leader asked for and files it in the project's
  research archive, where the archive's download reads it back;
* the worker is killed (SIGKILL) while it makes the PDF: once the build's lease runs
  out the every-minute sweep (run here as beat would) queues it again, a
  restarted worker finishes it, and the archive holds exactly one version.
"""

from __future__ import annotations

import io
import sys

import pytest
from django.conf import settings
from pypdf import PdfReader

from enquiries.models import ArchiveFileVersion, ClusterParticipation
from enquiries.uploads import upload_storage
from networks.models import Role
from reports.models import ReportBuild
from reports.services import report_build_request
from reports.tasks import sweep_report_builds
from tests.factories import (
    ClusterFactory,
    InitiativeFactory,
    LocalAuthorityFactory,
    ProjectFactory,
    UserFactory,
    grant,
)

from .helpers import WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS = "Clusters leading transition work across the county."
LEASE_SECONDS = 3

# `celery ...` as the worker runs it, but with the PDF step stalled, so the kill
# always lands while the PDF is being made (a real one can take under a second).
STALLED_PDF = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
import reports.pdf
reports.pdf.render_pdf = lambda *args, **kwargs: time.sleep(600)
from celery.__main__ import main
sys.argv = ["celery", *sys.argv[1:]]
main()
"""


def essex_project():
    la = LocalAuthorityFactory(code="881", name="Essex")
    initiative = InitiativeFactory()
    initiative.participating_las.add(la)
    project = ProjectFactory(initiative=initiative, la=la, development_focus=FOCUS)
    ClusterParticipation.objects.create(project=project, cluster=ClusterFactory(host_la=la))
    coleader = UserFactory(email="coleader@example.org")
    grant(coleader, Role.LA_COLEADER, la=la)
    return project, coleader


def worker(redis_server, queue, tmp_path, *, stall_pdf: bool = False, **env) -> WorkerProcess:
    # The worker writes the PDF where this process's archive reads it.
    process = WorkerProcess(
        broker_url=redis_server.url,
        queue=queue,
        log=tmp_path / "worker.log",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        **env,
    )
    if stall_pdf:
        process.command = [sys.executable, "-c", STALLED_PDF, *process.command[3:]]
    process.start()
    return process


def build_of(project) -> ReportBuild:
    return ReportBuild.objects.get(project=project)


def pdf_text(version: ArchiveFileVersion) -> str:
    with upload_storage().open(version.storage_key, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_worker_builds_the_case_study_into_the_archive(redis_server, broker, tmp_path):
    project, coleader = essex_project()
    report_build_request(actor=coleader, project=project)  # queued as it commits
    running = worker(redis_server, broker, tmp_path)
    try:
        assert wait_for(lambda: build_of(project).is_done, timeout=120), running.log.read_text()
    finally:
        running.stop()
    build = build_of(project)
    assert build.attempts == 1 and build.progress == 100
    version = ArchiveFileVersion.objects.get(item__project=project)
    assert build.version == version and version.item.category.slug == "case-studies"
    assert FOCUS in pdf_text(version)
    assert FOCUS in build.sections_html  # what the page shows: the same build


def test_a_worker_killed_mid_build_loses_nothing(redis_server, broker, tmp_path):
    project, coleader = essex_project()
    report_build_request(actor=coleader, project=project)
    env = {"REPORT_BUILD_LEASE_SECONDS": str(LEASE_SECONDS)}
    running = worker(redis_server, broker, tmp_path, stall_pdf=True, **env)
    try:
        making_pdf = wait_for(
            lambda: build_of(project).step == "Making the PDF", timeout=120, interval=0.05
        )
        assert making_pdf, running.log.read_text()
        running.kill()
        killed = build_of(project)
        assert not killed.is_done and killed.attempts == 1
        assert not ArchiveFileVersion.objects.exists()

        running = worker(redis_server, broker, tmp_path, **env)  # restarted as usual
        # (beat's every-minute sweep reaches it)

        def tick():
            # Beat's sweep, run here: it queues the build on the test's own queue
            # (a worker's default queue would be another one; in production both
            # are the default queue).
            sweep_report_builds.apply()

        assert wait_for(
            lambda: tick() or build_of(project).is_done, timeout=LEASE_SECONDS + 120, interval=1.0
        ), running.log.read_text()
    finally:
        running.stop()
    build = build_of(project)
    assert build.attempts == 2
    assert ArchiveFileVersion.objects.filter(item__project=project).count() == 1
    assert FOCUS in pdf_text(build.version) and FOCUS in build.sections_html
