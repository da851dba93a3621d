"""Building a case study: the request, the task (eager here), what the PDF says, where
it lands, the lease and the sweep, and refusals."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from enquiries.models import ArchiveItem
from enquiries.uploads import upload_storage
from networks.models import AuditEntry
from notifications.models import Notification
from reports import services
from reports.models import ReportBuild

from .content import (
    ACTIVITY,
    ANSWER,
    BASELINE,
    CHANGE_IDEA,
    CHECKING_NOTES,
    CIRCULATED_NOTES,
    CLUSTER_QUOTE,
    DRAFT_NOTES,
    DRIVER,
    FOCUS,
    PARTNER,
    REVIEW,
    REVISED,
    SERVICE,
    SHARED_QUOTE,
    SURGERY,
    enrich,
)

pytestmark = pytest.mark.django_db


def pdf_text(version) -> str:
    with upload_storage().open(version.storage_key, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_roles(node, found=None) -> set[str]:
    """The roles (/H1, /Table, ...) in a tagged PDF's structure tree."""
    found = set() if found is None else found
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get"):
            structure_roles(kid, found)
    return found


def requested(world, who="co_x") -> ReportBuild:
    """A queued build (its on-commit nudge is not run inside the test's transaction)."""
    return services.report_build_request(actor=world.person(who), project=world.project_x)


def test_the_task_builds_the_pdf_and_files_it_in_the_archive(world):
    enrich(world)
    build = requested(world)
    assert build.is_queued and build.progress == 0
    assert services.report_build_run(build.pk) is True

    build.refresh_from_db()
    assert build.is_done and build.progress == 100 and build.attempts == 1
    assert build.started_at and build.finished_at and build.version is not None
    item = ArchiveItem.objects.get(project=world.project_x, category__slug="case-studies")
    assert item.title == "Case study" and item.current_version == build.version
    assert build.version.content_type == "application/pdf"
    assert build.version.uploaded_by == world.co_x

    text = " ".join(pdf_text(build.version).split())
    for expected in (
        FOCUS,
        REVISED,
        "How can clusters shape the county's ECM strategy?",  # the first wording
        "Narrowed to transition.",
        "[inserted: for transition]",
        "Harlow cluster",
        "Braintree cluster",
        "Mostly aligned",
        "Project plan",
        "Conference held",
        "Transition feedback",
        ANSWER,
        ACTIVITY,
        PARTNER,
        SERVICE,
        "good value for money",
        "12,000",
        "Surgeries and meetings",
        SURGERY,
        "Think tank 1",
        CIRCULATED_NOTES,
        "Baseline and progress reviews",
        BASELINE,
        REVIEW,
        "Key drivers and their evidence",
        DRIVER,
        CHANGE_IDEA,
        SHARED_QUOTE,
        "Page 1 of",
    ):
        assert expected in text, expected
    assert CLUSTER_QUOTE not in text  # evidence from a cluster's own entry stays theirs
    assert "Private note." not in text  # log entries are counted, never quoted
    # Only circulated notes: never a draft, nor notes still with the clusters to check.
    assert DRAFT_NOTES not in text and CHECKING_NOTES not in text
    assert "Braintree surgery" in text  # the surgery is listed, its draft is not printed
    # The page shows what the PDF prints: the same rendered sections, kept on the build.
    assert build.has_snapshot and CIRCULATED_NOTES in build.sections_html
    assert DRAFT_NOTES not in build.sections_html
    assert 'id="section-surgeries"' in build.sections_html

    reader_meta = PdfReader(
        io.BytesIO(upload_storage().open(build.version.storage_key, "rb").read())
    )
    assert reader_meta.metadata.title == "Case study: Essex learning project"
    root = reader_meta.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]  # tagged, with its headings and tables as such
    roles = structure_roles(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/L"} <= roles
    assert reader_meta.trailer["/Root"]["/Lang"] == "en-GB"

    actions = list(
        AuditEntry.objects.filter(action__startswith="reports.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["reports.build.requested", "reports.build.finished"]
    assert AuditEntry.objects.filter(action="enquiries.archive_item.created").exists()
    note = Notification.objects.get(recipient=world.co_x, category="reports")
    assert "ready" in note.subject


def test_a_second_build_is_a_new_version_even_for_an_officer_who_did_not_upload_the_first(
    world,
):
    first = requested(world)
    services.report_build_run(first.pk)
    second = requested(world, "officer_x_facilitating_y")  # an LA officer of Essex
    assert services.report_build_run(second.pk)
    second.refresh_from_db()
    assert second.version.number == 2
    assert ArchiveItem.objects.filter(project=world.project_x, title="Case study").count() == 1


def test_one_build_at_a_time(world):
    requested(world)
    AuditEntry.objects.all().delete()
    with pytest.raises(services.ReportError):
        requested(world)
    assert ReportBuild.objects.count() == 1 and not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["lead_a", "school_contact", "outsider", "co_y"])
def test_who_may_not_request_one(world, who):
    with pytest.raises(PermissionDenied):
        requested(world, who)
    assert not ReportBuild.objects.exists()


@pytest.mark.parametrize("who", ["co_x", "national", "staff", "kq_facilitator"])
def test_who_may_request_one(world, who):
    assert requested(world, who).is_queued


def test_a_build_held_by_a_live_worker_is_not_built_twice(world):
    build = requested(world)
    assert services._claim(build.pk) is not None  # another worker holds it
    assert services.report_build_run(build.pk) is False
    build.refresh_from_db()
    assert build.attempts == 1 and not build.is_done


def test_the_sweep_queues_a_build_again_once_its_lease_runs_out(world, monkeypatch):
    build = requested(world)
    queued: list[int] = []
    from reports import tasks

    monkeypatch.setattr(tasks.build_case_study, "apply_async", lambda args: queued.append(args[0]))
    # A worker claimed it and died: its lease is still running, then runs out.
    assert services._claim(build.pk) is not None
    assert services.report_builds_sweep() == 0 and queued == []
    later = timezone.now() + timedelta(minutes=6)
    assert services.report_builds_sweep(now=later) == 1 and queued == [build.pk]
    ReportBuild.objects.filter(pk=build.pk).update(claim_expires_at=timezone.now())
    assert services.report_build_run(build.pk) is True  # the retried task
    build.refresh_from_db()
    assert build.is_done and build.attempts == 2


def test_a_build_whose_message_was_lost_is_queued_by_the_sweep(world, monkeypatch):
    build = requested(world)
    queued: list[int] = []
    from reports import tasks

    monkeypatch.setattr(tasks.build_case_study, "apply_async", lambda args: queued.append(args[0]))
    assert services.report_builds_sweep() == 0  # within the grace period
    assert services.report_builds_sweep(now=timezone.now() + timedelta(minutes=1)) == 1
    assert queued == [build.pk]


def test_the_sweep_gives_up_after_three_attempts(world):
    build = requested(world)
    ReportBuild.objects.filter(pk=build.pk).update(
        status="building", attempts=3, claim_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.report_builds_sweep() == 0
    build.refresh_from_db()
    assert build.has_failed and "3 attempts" in build.error
    assert AuditEntry.objects.filter(action="reports.build.failed").exists()
    assert Notification.objects.filter(recipient=world.co_x, category="reports").exists()


def test_a_failing_build_is_marked_failed_and_files_nothing(world, monkeypatch):
    from reports import pdf

    def broken(project, sections):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    build = requested(world)
    assert services.report_build_run(build.pk) is False
    build.refresh_from_db()
    assert build.has_failed and "no fonts" in build.error
    assert not ArchiveItem.objects.filter(category__slug="case-studies").exists()


@pytest.mark.parametrize("bad", [None, "x", 10**9, -1])
def test_a_build_id_that_is_no_build_does_nothing(world, bad):
    assert services.report_build_run(bad) is False
    assert not ReportBuild.objects.exists()


def test_the_sections_cost_the_same_queries_however_large_the_project(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.sections import SECTIONS, collect_sections

    from .content import grow

    enrich(world)
    project = world.project_x
    with CaptureQueriesContext(connection) as small:
        sections = collect_sections(project)
    assert [s.key for s in sections] == [s.key for s in SECTIONS] and all(s.data for s in sections)
    grow(world, 15)
    with CaptureQueriesContext(connection) as large:
        collect_sections(project)
    assert len(large) == len(small) <= 50


def test_the_archive_still_checks_what_a_build_files(world, monkeypatch):
    """permitted=True skips the archive page's permission check, never its content
    checks: a build that produced something other than a PDF files nothing."""
    from reports import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda project, sections: b"<html>not a pdf</html>")
    build = requested(world)
    assert services.report_build_run(build.pk) is False
    build.refresh_from_db()
    assert build.has_failed and build.error
    assert not ArchiveItem.objects.filter(category__slug="case-studies").exists()
    assert AuditEntry.objects.filter(action="reports.build.failed").count() == 1
