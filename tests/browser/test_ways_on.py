"""No dead ends, in the browser at 1280 and 320 px with axe scans: the account page
and its forms, signing out from the header, the error pages, changing a project after
set-up, unlinking a question (asked first, and undone), a school leaving a cluster,
and the initiative matrix leading to the project and on to its map."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services
from enquiries.models import EnquiryLink, Project
from networks.models import Role
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.browser.widths import check_widths
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)


@pytest.fixture
def world(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow Learning Partnership", host_la=essex)
    MembershipFactory(
        cluster=harlow, school=SchoolFactory(la=essex, name="Passmores Academy"), is_lead=True
    )
    MembershipFactory(
        cluster=harlow,
        school=SchoolFactory(la=essex, name="Burnt Mill Academy"),
        joined_on="2019-09-01",
    )
    national = UserFactory(email="national@example.org", name="Nadia National")
    grant(national, Role.NATIONAL_FACILITATOR)
    coleader = UserFactory(email="coleader@example.org", name="Margaret Hollis")
    grant(coleader, Role.LA_COLEADER, la=essex)
    initiative = services.initiative_create(
        actor=national,
        name="Learning Authorities Network",
        las=[essex],
        key_questions=[
            "What does an LA that works as a learning system look like?",
            "What can be learned from LAs leading multi-agency networked working?",
        ],
    )
    project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex: clusters for every child",
        development_focus="Eight clusters on Every Child Matters work.",
        question="Which key drivers make cluster working on Every Child Matters effective?",
    )
    la_question = project.enquiries.get()
    kq1, kq2 = initiative.enquiries.filter(level="national").order_by("position")
    services.enquiry_link(enquiry=la_question, target=kq1, actor=coleader)
    services.enquiry_link(enquiry=la_question, target=kq2, actor=coleader)
    return {
        "essex": essex,
        "harlow": harlow,
        "coleader": coleader,
        "initiative": initiative,
        "project": project,
        "la_question": la_question,
        "kq2": kq2,
    }


def go(page: Page, target) -> None:
    follow(page, target)
    check_widths(page)


def test_the_account_page_and_signing_out(page: Page, world):
    sign_in_quickly(page, world["coleader"])
    visit(page, reverse("home"))
    menu = page.get_by_role("navigation", name="Menu")
    go(page, menu.get_by_role("link", name="Your account"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("LA co-leader — Essex")
    go(page, main.get_by_role("link", name="Change your job title"))
    page.get_by_label("Job title (optional)").fill("Principal adviser")
    go(page, page.get_by_role("button", name="Save your details"))
    expect(main).to_contain_text("Your details are saved.")
    expect(main).to_contain_text("Principal adviser")
    go(page, main.get_by_role("link", name="Change your password"))
    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password", exact=True).fill("three unrelated words here")
    page.get_by_label("Confirm new password").fill("three unrelated words here")
    go(page, page.get_by_role("button", name="Change password"))
    expect(page.get_by_role("alert")).to_contain_text("Your current password is not right")

    go(page, page.get_by_role("banner").get_by_role("button", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_have_count(0)


def test_the_error_pages_say_what_to_do_next(page: Page, world):
    harlow = world["harlow"]
    member = UserFactory(email="member@example.org")
    grant(member, Role.CLUSTER_MEMBER, cluster=harlow)
    sign_in_quickly(page, member)
    response = visit(page, "/no/such/page/")
    assert response is not None and response.status == 404
    check_widths(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    go(page, page.get_by_role("main").get_by_role("link", name="Go to My work"))

    response = visit(page, reverse("networks:cluster_edit", args=[harlow.pk]))
    assert response is not None and response.status == 403
    check_widths(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that here")


def test_a_coleader_changes_the_project_and_unlinks_a_question_with_undo(page: Page, world):
    project, la_question = world["project"], world["la_question"]
    sign_in_quickly(page, world["coleader"])

    # The matrix leads to the project; the map is one click on.
    visit(page, world["initiative"].get_absolute_url())
    check_widths(page)
    go(page, page.get_by_role("link", name="Essex – LA project"))
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(
        page.get_by_role("link", name="See the alignment map of Essex's questions")
    ).to_be_visible()

    go(page, page.get_by_role("link", name="Change the focus, dates or status"))
    page.get_by_label("Development focus").fill("Eight clusters, with the youth service.")
    page.get_by_role("radio", name="Active").check()
    start = page.get_by_role("group", name="Start date (optional)")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("9")
    start.get_by_label("Year").fill("2025")
    go(page, page.get_by_role("button", name="Save the project"))
    expect(page.get_by_role("main")).to_contain_text("The project is saved.")
    expect(page.get_by_role("main")).to_contain_text("Eight clusters, with the youth service.")
    assert Project.objects.get(pk=project.pk).status == "active"

    visit(page, la_question.get_absolute_url())
    check_widths(page)
    go(page, page.get_by_role("link", name="Unlink from Key question 2"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop linking it to Key question 2?")
    go(page, page.get_by_role("button", name="Unlink"))
    expect(page.get_by_role("alert")).to_contain_text("It no longer serves Key question 2")
    assert not EnquiryLink.objects.filter(enquiry=la_question, target=world["kq2"]).exists()
    go(page, page.get_by_role("button", name="Undo: link it again"))
    assert EnquiryLink.objects.filter(enquiry=la_question, target=world["kq2"]).exists()


def test_a_coleader_records_that_a_school_left(page: Page, world):
    harlow = world["harlow"]
    sign_in_quickly(page, world["coleader"])
    visit(page, harlow.get_absolute_url())
    check_widths(page)
    go(page, page.get_by_role("link", name="Record leaving – Burnt Mill Academy"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Has Burnt Mill Academy left Harlow Learning Partnership?"
    )
    left = page.get_by_role("group", name="Left (optional)")
    left.get_by_label("Day").fill("31")
    left.get_by_label("Month").fill("8")
    left.get_by_label("Year").fill("2024")
    go(page, page.get_by_role("button", name="Record that it left"))
    expect(page.get_by_role("region", name="Past member schools")).to_contain_text(
        "Burnt Mill Academy"
    )
    expect(page.get_by_role("region", name="Past member schools")).to_contain_text("31 Aug 2024")


def test_the_header_sign_out_button_stays_readable_when_focused(page: Page, world):
    from tests.browser.test_layout import COLOURS_JS, contrast

    sign_in_quickly(page, world["coleader"])
    visit(page, reverse("home"))
    button = page.get_by_role("banner").get_by_role("button", name="Sign out")
    for state in ("rest", "focus"):
        if state == "focus":
            button.focus()
        foreground, background = button.evaluate(COLOURS_JS)
        assert contrast(foreground, background) >= 4.5, (state, foreground, background)
