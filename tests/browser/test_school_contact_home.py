"""A school contact reaches their work from the home page, at 1280 and 320 px.

Their school has just been brought into its cluster's work in the LA's project. On
"My work" they find "Write your school's question", write it beside the questions it
answers to, submit it, and find it again on "My work" with the project it belongs to.
They are not offered the review queue: they review nothing.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.browser.helpers import follow, sign_in, visit
from tests.browser.widths import check_widths
from tests.conftest import PASSWORD
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

SCHOOL_QUESTION = "How do our Year 6 pupils describe what helps them settle in secondary school?"


@pytest.fixture
def contact(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow Learning Partnership", host_la=essex)
    school = SchoolFactory(la=essex, name="Churchgate Primary", urn=115170)
    MembershipFactory(cluster=harlow, school=school, is_lead=True)
    national = UserFactory(email="national@example.org", name="Nadia National", is_staff=True)
    coleader = UserFactory(email="coleader@example.org", name="Margaret Hollis")
    grant(coleader, Role.LA_COLEADER, la=essex)
    lead = UserFactory(email="lead@example.org", name="Fiona Castell")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)
    initiative = services.initiative_create(
        actor=national,
        name="Learning Authorities Network",
        las=[essex],
        key_questions=["What does an LA that works as a learning system look like?"],
    )
    project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex: clusters for every child",
        development_focus="Eight clusters on Every Child Matters work.",
        question="Which key drivers make cluster working on Every Child Matters effective?",
    )
    participation = services.cluster_join_project(actor=coleader, project=project, cluster=harlow)
    services.enquiry_create(
        actor=lead,
        cluster_participation=participation,
        text="How can the partnership make the move to secondary school safer?",
    )
    services.school_join_cluster(actor=lead, cluster_participation=participation, school=school)
    user = UserFactory(email="contact@example.org", name="Aisha Rahman")
    grant(user, Role.SCHOOL_CONTACT, school=school)
    return user


def test_a_school_contact_reaches_their_work_from_home(page: Page, contact):
    sign_in(page, "contact@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    check_widths(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Waiting on you")
    expect(main).to_contain_text(
        "Churchgate Primary takes part, in Harlow Learning Partnership's work"
    )
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Review queue")).to_have_count(0)

    follow(page, main.get_by_role("link", name="Write your school's question"))
    check_widths(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the school enquiry question")
    aside = page.get_by_role("complementary")
    expect(aside).to_contain_text(
        "How can the partnership make the move to secondary school safer?"
    )
    page.get_by_label("Enquiry question").fill(SCHOOL_QUESTION)
    follow(page, page.get_by_role("button", name="Save as draft"))
    check_widths(page)
    expect(page.get_by_role("main")).to_contain_text("Question saved as a draft.")

    review = page.get_by_role("region", name="Review")
    review.get_by_role("button", name="Submit for review").click()  # htmx: the panel alone
    expect(review).to_contain_text("Submitted for review.")
    expect(review.get_by_role("button", name="Withdraw to draft")).to_be_visible()
    check_widths(page)

    visit(page, reverse("home"))
    check_widths(page)
    expect(main).not_to_contain_text("Write your school's question")
    expect(main.get_by_role("link", name="Churchgate Primary").first).to_be_visible()
    expect(main).to_contain_text(SCHOOL_QUESTION[:40])
    assert Enquiry.objects.get(level="school").is_with_reviewers
