"""Reflective logs and the research archive in the browser, at 1280 and 320 px.

A cluster lead writes a log entry for their cluster with an audio recording (a
tiny real WAV made in the test) attached, and finds it in the log; a co-leader
uploads a new version of a document in the research archive and sees the item's
history with both versions. Every page is scanned with axe and none is wider than
the screen.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services
from enquiries.models import ClusterParticipation
from networks.models import Role
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.factories import (
    ClusterFactory,
    InitiativeFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    grant,
)
from tests.files import PDF, docx, wav

WIDTHS = [1280, 320]


@pytest.fixture
def essex(transactional_db):
    la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    initiative = InitiativeFactory(name="Networked learning for every child")
    initiative.participating_las.add(la)
    project = ProjectFactory(initiative=initiative, la=la, title="Essex transition project")
    cluster = ClusterFactory(name="Harlow cluster", host_la=la)
    MembershipFactory(cluster=cluster, is_lead=True)
    ClusterParticipation.objects.create(project=project, cluster=cluster)
    lead = UserFactory(email="lead@example.org", name="Lena Lead")
    grant(lead, Role.CLUSTER_LEAD, cluster=cluster)
    coleader = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(coleader, Role.LA_COLEADER, la=la)
    return project, lead, coleader


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_a_cluster_lead_writes_a_log_entry_with_an_audio_recording(page: Page, essex, width):
    project, lead, _ = essex
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_quickly(page, lead)
    visit(page, reverse("enquiries:project_detail", args=[project.pk]))
    follow(page, page.get_by_role("link", name="Reflective log"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflective log")
    expect(page.get_by_role("main")).to_contain_text("Your entry for this period is due.")
    fits(page, width)

    follow(page, page.get_by_role("link", name="Write a log entry"))
    fits(page, width)
    page.get_by_label("Your entry").fill("We recorded pupils talking about moving to Year 7.")
    page.get_by_label("Tags (optional)").fill("transition, pupil voice")
    page.get_by_role("group", name="Who can read it").get_by_label("My cluster").check()
    page.get_by_label("Your cluster").select_option(label="Harlow cluster")
    page.get_by_label("Attachments (optional)").set_input_files(
        files=[{"name": "pupil-voices.wav", "mimeType": "audio/wav", "buffer": wav()}]
    )
    follow(page, page.get_by_role("button", name="Save the entry"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Reflective log")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Your log entry is saved.")
    expect(main).to_contain_text("You have written an entry this period.")
    expect(main).to_contain_text("Harlow cluster only")
    expect(page.get_by_role("link", name="pupil-voices.wav")).to_be_visible()
    expect(main).to_contain_text("audio")
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coleader_uploads_a_new_version_of_an_archive_item(page: Page, essex, width):
    project, lead, coleader = essex
    services.archive_add_version(
        actor=lead,
        project=project,
        category_slug="planning-documents",
        title="Harlow cluster plan",
        filename="harlow-plan.pdf",
        content=PDF,
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_quickly(page, coleader)
    visit(page, reverse("enquiries:project_detail", args=[project.pk]))
    follow(page, page.get_by_role("link", name="Research archive"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Research archive")
    fits(page, width)
    follow(page, page.get_by_role("link", name="Planning documents (1)"))
    fits(page, width)
    follow(page, page.get_by_role("link", name="Harlow cluster plan"))
    follow(page, page.get_by_role("link", name="Upload a new version"))
    fits(page, width)

    # A file that is not what its name says is refused, with the reason.
    page.get_by_label("File").set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"<html></html>"}]
    )
    follow(page, page.get_by_role("button", name="Upload the new version"))
    expect(page.get_by_role("alert")).to_contain_text("plan.pdf does not contain what its name")

    page.get_by_label("File").set_input_files(
        files=[{"name": "harlow-plan-agreed.docx", "mimeType": "application/zip", "buffer": docx()}]
    )
    page.get_by_label("What changed (optional)").fill("Agreed at the May surgery")
    follow(page, page.get_by_role("button", name="Upload the new version"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster plan")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Version 2 of “Harlow cluster plan” is saved.")
    history = page.get_by_role("table")
    expect(history.get_by_role("row")).to_have_count(3)  # the header and two versions
    expect(page.get_by_role("link", name="Download harlow-plan-agreed.docx")).to_be_visible()
    expect(page.get_by_role("link", name="Download harlow-plan.pdf")).to_be_visible()
    expect(main).to_contain_text("Agreed at the May surgery")
    fits(page, width)
