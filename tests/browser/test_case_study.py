"""The case study in the browser, at 1280 and 320 px: a co-leader opens the project's
case study, which has none yet, asks for it (the task runs eagerly as the request
commits), reads it on the page and downloads the PDF: both carry the project's focus.
The focus then changes; the page keeps showing the build it has until a later build,
watched on the page: the progress bar, polled with htmx, gives way to the new build
when it finishes (the page reloads, its sections and PDF both the new build's).
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
NEW_FOCUS = "Transition and attendance across the whole of Harlow."


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
    expect(main).to_contain_text("There is no case study of this project yet.")
    expect(main).not_to_contain_text(FOCUS)
    fits(page, width)

    follow(page, page.get_by_role("button", name="Build the case study"))
    expect(main).to_contain_text("The case study is being built.")
    expect(main).to_contain_text("by Colin Coleader.")
    expect(page.get_by_role("heading", name="The project and its focus")).to_be_visible()
    expect(main).to_contain_text(FOCUS)
    fits(page, width)
    link = page.get_by_role("link", name="Download the case study")
    with page.expect_download() as download:
        link.click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    assert FOCUS in pdf_text(data)

    # The records change: the page shows the build it has, until the next one.
    project.development_focus = NEW_FOCUS
    project.save(update_fields=["development_focus"])
    visit(page, reverse("reports:case_study", args=[project.pk]))
    expect(main).to_contain_text(FOCUS)
    expect(main).not_to_contain_text(NEW_FOCUS)

    # A new version, watched as it is built: the bar, then the new build once it is done.
    build = ReportBuild.objects.create(
        project=project, requested_by=coleader, status="building", progress=40, step="Brokerage"
    )
    visit(page, reverse("reports:case_study", args=[project.pk]))
    expect(page.get_by_role("status")).to_contain_text("being built: brokerage")
    expect(page.get_by_label("Progress: 40%")).to_be_visible()
    expect(link).to_contain_text("version 1")  # the PDF of the build the page shows
    fits(page, width)
    assert services.report_build_run(build.pk)  # the worker, finishing it
    expect(link).to_contain_text("version 2", timeout=10_000)  # htmx polled, the page reloaded
    expect(main).to_contain_text(NEW_FOCUS)
    expect(main).not_to_contain_text(FOCUS)
    expect(page.get_by_role("button", name="Build a new version")).to_be_visible()
    assert_accessible(page)
    fits(page, width)
