"""The case study in the browser, at 1280 and 320 px: a co-leader opens the project's
case study, asks for the PDF (the task runs eagerly as the request commits) and
downloads it: it carries the project's focus. A later build is watched on the page:
the progress bar, polled with htmx, gives way to the new PDF when the build finishes.
Every page is scanned with axe and none is wider than the screen."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from enquiries.models import ClusterParticipation
from networks.models import Role
from reports import services
from reports.models import ReportBuild
from tests.browser.helpers import assert_accessible, follow, sign_in_quickly, visit
from tests.factories import (
    ClusterFactory,
    InitiativeFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    grant,
)

WIDTHS = [1280, 320]
FOCUS = "Smoother transition from primary to secondary in Harlow."


@pytest.fixture
def essex(transactional_db):
    la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    initiative = InitiativeFactory(name="Networked learning for every child")
    initiative.participating_las.add(la)
    project = ProjectFactory(
        initiative=initiative, la=la, title="Essex transition project", development_focus=FOCUS
    )
    cluster = ClusterFactory(name="Harlow cluster", host_la=la)
    MembershipFactory(cluster=cluster, is_lead=True)
    ClusterParticipation.objects.create(project=project, cluster=cluster)
    coleader = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(coleader, Role.LA_COLEADER, la=la)
    warm_up_weasyprint()
    return project, coleader


def warm_up_weasyprint() -> None:
    """Load the fonts once before the clock starts: the first PDF of a process pays for
    fontconfig, which the build inside the request (eager here) should not."""
    from weasyprint import HTML

    HTML(string="<p>Warm</p>").write_pdf()


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coleader_builds_and_downloads_the_case_study(page: Page, essex, width):
    project, coleader = essex
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_quickly(page, coleader)
    visit(page, reverse("enquiries:project_detail", args=[project.pk]))
    follow(page, page.get_by_role("link", name="Case study"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Case study")
    main = page.get_by_role("main")
    expect(main).to_contain_text(FOCUS)
    expect(main).to_contain_text("No PDF of the case study has been made yet.")
    fits(page, width)

    follow(page, page.get_by_role("button", name="Build the PDF"))
    expect(main).to_contain_text("The case study is being built.")
    expect(main).to_contain_text("The case study was built on")
    fits(page, width)
    link = page.get_by_role("link", name="Download the case study")
    with page.expect_download() as download:
        link.click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    assert FOCUS in pdf_text(data)

    # A new version, watched as it is built: the bar, then the PDF once it is done.
    build = ReportBuild.objects.create(
        project=project, requested_by=coleader, status="building", progress=40, step="Brokerage"
    )
    visit(page, reverse("reports:case_study", args=[project.pk]))
    expect(page.get_by_role("status")).to_contain_text("being built: brokerage")
    expect(page.get_by_label("Progress: 40%")).to_be_visible()
    fits(page, width)
    assert services.report_build_run(build.pk)  # the worker, finishing it
    expect(link).to_contain_text("version 2", timeout=10_000)  # htmx polled it in
    expect(page.get_by_role("button", name="Build a new version of the PDF")).to_be_visible()
    assert_accessible(page)
    fits(page, width)
