"""Issue 3: enquiry questions at every level, from a cluster's draft to the alignment map.

A cluster lead drafts the cluster's question (after tripping the form's error summary)
and submits it; a national facilitator, told by a notification, finds it in the review
queue and asks for changes; the lead reads the comment, revises, compares the two
revisions word by word and resubmits; the facilitator rates its alignment with the LA
question and agrees it; the alignment map then shows it agreed, with the rating in words.

The initiative, the LA's project and its agreed LA question are set up through the
services, as the people who would do it; everything after that happens in the browser.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from enquiries import services
from networks.models import Role, User
from notifications.models import Notification
from tests.browser.helpers import (
    assert_accessible,
    follow,
    push,
    sign_in,
    sign_in_quickly,
    visit,
)
from tests.conftest import PASSWORD
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
    grant,
)

LA_QUESTION = "How can our clusters help children move well from primary to secondary school?"
FIRST_WORDING = (
    "How does shared planning between Harlow schools help pupils settle at secondary school?"
)
SECOND_WORDING = (
    "How does joint planning between Harlow schools help vulnerable pupils settle into "
    "secondary school?"
)
CHANGES_COMMENT = "Say which pupils you mean: the question is too broad to answer in a year."
ALIGNMENT_COMMENT = "Close to the LA question; name the transition support it tests."

LEAD_EMAIL = "lead@example.org"
FACILITATOR_EMAIL = "facilitator@example.org"


@pytest.fixture
def project(transactional_db):  # live_server implies it; said here for clarity
    """Essex's project in a national initiative, with its LA question agreed."""
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=essex)
    MembershipFactory(cluster=harlow, is_lead=True)

    facilitator = UserFactory(email=FACILITATOR_EMAIL, name="Nadia Facilitator")
    grant(facilitator, Role.NATIONAL_FACILITATOR)  # no initiative: the national team
    coleader = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(coleader, Role.LA_COLEADER, la=essex)
    lead = UserFactory(email=LEAD_EMAIL, name="Lena Lead")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)

    initiative = services.initiative_create(
        actor=facilitator,
        name="Networked learning for every child",
        las=[essex],
        key_questions=[
            "How do school networks improve outcomes for children?",
            "What helps children move between phases of schooling?",
        ],
    )
    project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex transition project",
        development_focus="Clusters plan transition from primary to secondary together.",
        question=LA_QUESTION,
        rationale="Transition is where our data shows children falling back.",
    )
    la_question = project.enquiries.get()
    services.enquiry_submit(enquiry=la_question, actor=coleader)
    services.enquiry_agree(enquiry=la_question, actor=facilitator)
    services.cluster_join_project(
        actor=coleader,
        project=project,
        cluster=harlow,
        ecm_outcomes=["enjoy_and_achieve"],
        networking_kinds=["school_to_school"],
    )
    # The set-up told people things (the LA question's submission and agreement);
    # read them, so the counts the test checks come from the journey alone.
    Notification.objects.update(read_at=timezone.now())
    return project


def review_panel(page: Page):
    return page.get_by_role("region", name="Review")


def sign_out(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Sign out"))


def open_review_queue_item(page: Page) -> None:
    """From any page, through the Review queue, to the Harlow cluster question."""
    menu = page.get_by_role("navigation", name="Menu")
    follow(page, menu.get_by_role("link", name="Review queue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    follow(page, page.get_by_role("link", name="Harlow cluster", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")


def submit_for_review(page: Page) -> None:
    """Press the review panel's submit button; htmx swaps the panel in place."""
    panel = review_panel(page)
    panel.get_by_role("button", name="Submit for review").click()
    expect(panel.get_by_role("alert")).to_contain_text("Submitted for review.")
    expect(panel).to_contain_text("Status: Submitted for review")
    expect(panel).to_contain_text("It is with the reviewers.")
    expect(panel.get_by_role("button", name="Submit for review")).to_have_count(0)
    assert_accessible(page)


def decide(page: Page, decision: str, comment: str = "") -> None:
    """Record a reviewer's decision in the review panel (htmx swaps the panel)."""
    panel = review_panel(page)
    panel.get_by_role("radio", name=decision).check()
    if comment:
        panel.get_by_label("Comment", exact=True).fill(comment)
    panel.get_by_role("button", name="Record decision").click()


def test_a_cluster_question_goes_from_draft_to_agreed_and_aligned(page, project):
    # 1. The cluster lead drafts the cluster's question and submits it.
    sign_in(page, LEAD_EMAIL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    visit(page, reverse("enquiries:project_detail", args=[project.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Essex transition project")
    expect(page.get_by_role("link", name=LA_QUESTION)).to_be_visible()

    follow(page, page.get_by_role("link", name="write the cluster question for Harlow cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the cluster enquiry question")
    # The question it will answer to is shown beside the form.
    expect(page.get_by_role("complementary")).to_contain_text(LA_QUESTION)

    follow(page, page.get_by_role("button", name="Save as draft"))  # empty: scanned with errors
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name="Enter the enquiry question")).to_be_visible()
    assert page.title().startswith("Error:")

    page.get_by_label("Enquiry question", exact=True).fill(FIRST_WORDING)
    page.get_by_label("Why this wording (optional)").fill(
        "Our Year 6 teachers already plan some units with Passmores."
    )
    follow(page, page.get_by_role("button", name="Save as draft"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")
    expect(page.get_by_role("alert")).to_contain_text(
        "Question saved as a draft. Submit it when it is ready."
    )
    expect(page.locator(".app-question")).to_contain_text(FIRST_WORDING)
    expect(review_panel(page)).to_contain_text("Status: Draft")

    submit_for_review(page)
    sign_out(page)

    # 2. The facilitator hears of it, finds it in the review queue and asks for changes.
    sign_in(page, FACILITATOR_EMAIL, PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Notifications 1 unread", exact=True)).to_be_visible()

    follow(page, menu.get_by_role("link", name="Review queue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    queue = page.get_by_role("table")
    expect(queue).to_contain_text(FIRST_WORDING)
    expect(queue).to_contain_text("Cluster enquiry question")
    follow(page, queue.get_by_role("link", name="Harlow cluster", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")

    decide(page, "Request changes", CHANGES_COMMENT)
    panel = review_panel(page)
    expect(panel.get_by_role("alert")).to_contain_text("Decision recorded: Changes requested.")
    expect(panel).to_contain_text("Status: Changes requested")
    expect(panel.locator(".app-thread")).to_contain_text(CHANGES_COMMENT)
    assert_accessible(page)
    sign_out(page)

    # 3. The lead reads the comment, revises, compares the revisions and resubmits.
    sign_in(page, LEAD_EMAIL, PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Notifications 1 unread", exact=True)).to_be_visible()
    visit(page, reverse("enquiries:project_detail", args=[project.pk]))
    clusters = page.get_by_role("table")
    expect(clusters).to_contain_text("Changes requested")
    follow(page, clusters.get_by_role("link", name=FIRST_WORDING))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")
    thread = review_panel(page).locator(".app-thread")
    expect(
        thread.locator("li").filter(has_text="Requested changes by Nadia Facilitator")
    ).to_contain_text(CHANGES_COMMENT)

    follow(page, page.get_by_role("link", name="Revise the question"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise the cluster enquiry question")
    question = page.get_by_label("Enquiry question", exact=True)
    expect(question).to_have_value(FIRST_WORDING)
    question.fill(SECOND_WORDING)
    page.get_by_label("Why this wording (optional)").fill(
        "Narrowed to vulnerable pupils, as the facilitator asked."
    )
    follow(page, page.get_by_role("button", name="Save new revision"))
    expect(page.get_by_role("alert")).to_contain_text("Revision 2 saved.")
    expect(page.locator(".app-question")).to_contain_text(SECOND_WORDING)

    page.get_by_label("From revision").select_option(label="Revision 1")
    page.get_by_label("To revision").select_option(label="Revision 2")
    push(page, page.get_by_role("button", name="Compare"))
    diff = page.locator("#revision-diff")
    expect(diff.get_by_role("heading")).to_have_text("Changes from revision 1 to revision 2")
    # hx-push-url: the comparison has its own address, to share or come back to.
    expect(page).to_have_url(re.compile(r"[?&]old=1&new=2$"))
    assert_accessible(page)
    # Words, with what happened to them said in words too (visually hidden).
    expect(diff.locator("ins")).to_have_text(
        ["[inserted: joint]", "[inserted: vulnerable]", "[inserted: into]"]
    )
    expect(diff.locator("del")).to_have_text(["[deleted: shared]", "[deleted: at]"])
    expect(diff.locator("ins .govuk-visually-hidden")).to_have_text(["[inserted:", "]"] * 3)
    expect(diff.locator("del .govuk-visually-hidden")).to_have_text(["[deleted:", "]"] * 2)
    # Replaced words stay apart: "shared joint", never "sharedjoint".
    assert "sharedjoint" not in diff.inner_text().replace("[", "").replace("]", "")
    expect(diff.locator("ins").first).to_have_css("text-decoration-line", "underline")
    expect(diff.locator("del").first).to_have_css("text-decoration-line", "line-through")
    expect(diff.locator(".app-diff__text")).to_contain_text("planning between Harlow schools help")

    submit_for_review(page)
    sign_out(page)

    # 4. The facilitator rates the alignment with the LA question and agrees the question.
    sign_in(page, FACILITATOR_EMAIL, PASSWORD)
    open_review_queue_item(page)
    expect(page.locator(".app-question")).to_contain_text(SECOND_WORDING)

    follow(page, page.get_by_role("link", name="Review alignment with Essex"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How well does Harlow cluster serve Essex?"
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text(SECOND_WORDING)
    expect(main).to_contain_text(LA_QUESTION)
    expect(main).to_contain_text("Latest rating: Not reviewed yet")
    page.get_by_role("radio", name="Mostly aligned").check()
    page.get_by_label("Comment (optional)").fill(ALIGNMENT_COMMENT)
    follow(page, page.get_by_role("button", name="Record rating"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")
    expect(page.get_by_role("alert")).to_contain_text("Alignment with Essex recorded.")
    served = page.get_by_role("table").filter(has_text="Latest alignment")
    expect(served.get_by_role("row").filter(has_text="Essex")).to_contain_text("Mostly aligned")

    decide(page, "Agree the question")
    panel = review_panel(page)
    expect(panel.get_by_role("alert")).to_contain_text("Decision recorded: Agreed.")
    expect(panel).to_contain_text("Status: Agreed")
    expect(panel.get_by_role("button", name="Record decision")).to_have_count(0)
    assert_accessible(page)

    # 5. The alignment map shows the question agreed, with its rating in words.
    follow(page, page.get_by_role("link", name="Back to Essex transition project"))
    row = page.get_by_role("table").get_by_role("row").filter(has_text="Harlow cluster")
    expect(row).to_contain_text("Agreed")
    expect(row).to_contain_text("Mostly aligned")
    follow(page, page.get_by_role("link", name="See the alignment map of Essex's questions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alignment map")

    node = page.locator("svg g").filter(
        has=page.locator("title", has_text=f"Harlow cluster: {SECOND_WORDING}")
    )
    expect(node.locator("text")).to_have_text(
        ["Harlow cluster", "Status: Agreed", "Answers to Essex: Mostly aligned"]
    )
    expect(
        page.get_by_role("img", name="Alignment map of Essex's enquiry questions")
    ).to_be_visible()

    # The list item whose own link (not a nested one) is the cluster question's.
    tree_item = page.locator(".app-tree li").filter(
        has=page.locator(":scope > a", has_text=re.compile(r"^Harlow cluster$"))
    )
    expect(tree_item).to_contain_text(SECOND_WORDING)
    expect(tree_item).to_contain_text("Status: Agreed")
    # The same words as the box: both read the same pair.
    expect(tree_item).to_contain_text("Answers to Essex: Mostly aligned")


def test_comparing_revisions_keeps_the_csrf_token_out_of_the_address(page, project):
    participation = project.cluster_participations.get()
    lead = User.objects.get(email=LEAD_EMAIL)
    enquiry = services.enquiry_create(
        actor=lead, cluster_participation=participation, text=FIRST_WORDING
    )
    services.enquiry_revise(enquiry=enquiry, actor=lead, text=SECOND_WORDING)
    sign_in_quickly(page, lead)
    visit(page, enquiry.get_absolute_url())

    push(page, page.get_by_role("button", name="Compare"))
    expect(page.locator("#revision-diff").get_by_role("heading")).to_have_text(
        "Changes from revision 1 to revision 2"
    )
    assert_accessible(page)
    assert "csrfmiddlewaretoken" not in page.url
