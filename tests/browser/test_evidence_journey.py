"""Evidence and key drivers: a facilitator codes evidence from a cluster lead's log
entry, names a key driver with the evidence behind it, and sees the driver diagram.

Every page is scanned with axe at 1280 and at 320 CSS px (no violation of any impact)
and must not scroll sideways at 320. The register, the project, the cluster and the
log entry are set up through factories and services; the rest happens in the browser.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services as enquiry_services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code
from networks.models import Role
from tests.browser.helpers import sign_in_quickly
from tests.browser.test_brokerage_journey import fill_date, go, press
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)


@pytest.fixture
def facilitator(transactional_db):
    seed_codebook(Code)  # a transactional test starts from empty tables
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=essex)
    MembershipFactory(cluster=harlow, school=SchoolFactory(la=essex, name="Harlow Fields"))
    national = UserFactory(email="facilitator@example.org", name="Fran Facilitator")
    grant(national, Role.NATIONAL_FACILITATOR)
    coleader = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(coleader, Role.LA_COLEADER, la=essex)
    lead = UserFactory(email="lead@example.org", name="Lena Lead")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)
    initiative = enquiry_services.initiative_create(
        actor=national, name="The learning project", las=[essex], key_questions=["What works?"]
    )
    project = enquiry_services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex learning project",
        development_focus="Get clusters moving on Every Child Matters work.",
        question="How can clusters shape the county's Every Child Matters strategy?",
    )
    enquiry_services.cluster_join_project(actor=coleader, project=project, cluster=harlow)
    enquiry_services.log_entry_create(
        actor=lead,
        project=project,
        cluster=harlow,
        text="At the surgery the heads agreed to share transition data with the health "
        "visitors. Trust between the two secondary heads is growing.",
    )
    national.project_pk = project.pk
    return national


def test_a_facilitator_codes_evidence_names_a_key_driver_and_sees_the_diagram(
    page: Page, facilitator
):
    sign_in_quickly(page, facilitator)
    go(page, reverse("enquiries:project_detail", args=[facilitator.project_pk]))
    press(page, page.get_by_role("link", name="Evidence and key drivers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence and key drivers")

    # Code a passage of the lead's log entry.
    press(page, page.get_by_role("link", name="Add evidence"))
    press(page, page.get_by_role("link", name="Code this as evidence").first)
    expect(page.get_by_role("main")).to_contain_text("health visitors")
    # A passage that is not in the entry is refused, with the reason.
    page.get_by_label("Quoted passage (optional)").fill("Words nobody wrote")
    page.get_by_label("Key features: Trust").check()
    press(page, page.get_by_role("button", name="Code the evidence"))
    expect(page.get_by_role("alert")).to_contain_text("word for word")
    page.get_by_label("Quoted passage (optional)").fill(
        "Trust between the two secondary heads is growing"
    )
    page.get_by_label("Emerging themes: Relationships and relationship building").check()
    press(page, page.get_by_role("button", name="Code the evidence"))
    expect(page.get_by_role("main")).to_contain_text("The evidence is coded.")
    expect(page.get_by_role("main")).to_contain_text("1 piece of evidence")

    # The heat table, then a key driver drawn from the evidence.
    press(page, page.get_by_role("link", name="Key drivers", exact=True))
    expect(page.get_by_role("main")).to_contain_text("Evidenced in most clusters")
    press(page, page.get_by_role("link", name="Name a key driver"))
    page.get_by_label("Key driver", exact=True).fill("Trust between the heads")
    page.get_by_label("Narrative").fill("Where the heads trusted each other, the work moved.")
    page.get_by_label("Code it draws on (optional)").select_option(label="Trust")
    page.get_by_role("group", name="The evidence behind it").get_by_role("checkbox").first.check()
    page.get_by_label("Change ideas (optional)").fill(
        "Heads' breakfast meetings each half-term\nShare the transition list a term early"
    )
    press(page, page.get_by_role("button", name="Name the key driver"))
    expect(page.get_by_role("main")).to_contain_text(
        "“Trust between the heads” is named as a key driver."
    )

    # The driver diagram, drawn and written out.
    diagram = page.get_by_role("img", name="Driver diagram of Essex learning project")
    expect(diagram).to_be_visible()
    expect(diagram).to_contain_text("Trust between the heads")
    alternative = page.get_by_role("main")
    expect(alternative).to_contain_text("The driver diagram as a list")
    expect(alternative).to_contain_text(
        "Aim: How can clusters shape the county's Every Child Matters strategy?"
    )
    expect(alternative).to_contain_text("Share the transition list a term early")

    # The codebook and the baselines pages pass the same checks.
    press(page, page.get_by_role("link", name="Codebook", exact=True))
    expect(page.get_by_role("main")).to_contain_text("Managing complexity and chaos")
    press(page, page.get_by_role("link", name="Baselines and progress", exact=True))
    press(page, page.get_by_role("link", name="Record a baseline"))
    page.get_by_label("Cluster", exact=True).select_option(label="Harlow cluster")
    page.get_by_label("Where the cluster starts").fill(
        "Agencies meet the schools only in a crisis."
    )
    page.get_by_label("2 – emerging").check()
    fill_date(page, "Date", 1, 9, 2025)
    press(page, page.get_by_role("button", name="Record the baseline"))
    expect(page.get_by_role("main")).to_contain_text("Agencies meet the schools only in a crisis.")
