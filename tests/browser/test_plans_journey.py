"""Plans and feedback loops in the browser, at 1280 and 320 px.

A co-leader opens the project's timeline from the project page, adds two plan items
(the second depending on the first, one overdue), trips the form's error summary on
the way, adds a milestone, and reads the timeline: the chart (scrolling in its own
box on a phone, at a readable size), the same items as a table, and the overdue item
marked in words.

A cluster lead finds a feedback loop waiting on "My work", answers it (after the
error summary for an empty answer) and changes an answer.

Every page is scanned with axe; none is wider than the screen.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from enquiries import services
from networks.models import Role
from tests.browser.helpers import AXE_TAGS, follow, sign_in_quickly, visit
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
    grant,
)

WIDTHS = [1280, 320]


def no_violations_of_any_impact(page: Page) -> None:
    """Stricter than the helpers' scan (serious and critical): nothing at all."""
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations.map(v => `${v.impact} ${v.id}: ${v.nodes.map(n => n.target)}`)""",
        AXE_TAGS,
    )
    assert found == [], f"axe on {page.url}: {found}"


def fits(page: Page, width: int) -> None:
    no_violations_of_any_impact(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.fixture
def project(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=essex)
    MembershipFactory(cluster=harlow, is_lead=True)
    national = UserFactory(email="national@example.org", name="Nadia National")
    grant(national, Role.NATIONAL_FACILITATOR)
    coleader = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(coleader, Role.LA_COLEADER, la=essex)
    lead = UserFactory(email="lead@example.org", name="Lena Lead")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)
    initiative = services.initiative_create(
        actor=national, name="Networked learning", las=[essex], key_questions=["How?"]
    )
    project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex transition project",
        development_focus="Clusters plan transition together.",
    )
    services.cluster_join_project(actor=coleader, project=project, cluster=harlow)
    project.coleader, project.lead = coleader, lead
    return project


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coleader_plans_and_reads_the_timeline(page: Page, project, width):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    sign_in_quickly(page, project.coleader)
    visit(page, project.get_absolute_url())
    follow(page, page.get_by_role("link", name="See the plans and timeline"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans and timeline")
    expect(page.get_by_role("main")).to_contain_text("No plan items yet.")
    fits(page, width)

    # A first item, overdue; the form first refuses a due date before the start.
    follow(page, page.get_by_role("link", name="Add a plan item"))
    fits(page, width)
    page.get_by_role("group", name="Which plan").get_by_label("Project plan").check()
    page.get_by_role("group", name="Strand").get_by_label("Activity").check()
    page.get_by_role("group", name="Level").get_by_label("Mini-macro: the LA project").check()
    page.get_by_label("Title").fill("Launch conference")
    fill_date(page, "Start date", today - dt.timedelta(days=30))
    fill_date(page, "Due date", today - dt.timedelta(days=40))
    page.get_by_label("Owner (optional)").select_option(label="Colin Coleader")
    page.get_by_label("Status").select_option(label="In progress")
    follow(page, page.get_by_role("button", name="Add the item"))
    expect(page.get_by_role("alert")).to_contain_text(
        "The due date must be the same as or after the start date"
    )
    fits(page, width)
    fill_date(page, "Due date", today - dt.timedelta(days=2))
    follow(page, page.get_by_role("button", name="Add the item"))
    expect(page.get_by_role("main")).to_contain_text("“Launch conference” is in the project plan.")

    # A second, for the Harlow cluster, waiting for the first.
    follow(page, page.get_by_role("link", name="Add a plan item"))
    page.get_by_role("group", name="Which plan").get_by_label("Enquiry plan").check()
    page.get_by_role("group", name="Strand").get_by_label("Processes").check()
    page.get_by_role("group", name="Level").get_by_label("Micro: a cluster").check()
    page.get_by_label("Title").fill("Harlow transition surgeries")
    page.get_by_label("Cluster", exact=True).select_option(label="Harlow cluster")
    fill_date(page, "Start date", today)
    fill_date(page, "Due date", today + dt.timedelta(days=60))
    page.get_by_role("group", name="Depends on (optional)").get_by_label(
        "Launch conference", exact=False
    ).check()
    follow(page, page.get_by_role("button", name="Add the item"))
    expect(page.get_by_role("main")).to_contain_text("is in the enquiry plan")

    # A milestone for the whole project.
    follow(page, page.get_by_role("link", name="Add a milestone"))
    fits(page, width)
    page.get_by_label("Milestone").fill("Interim report to the core contact group")
    fill_date(page, "Date", today + dt.timedelta(days=20))
    follow(page, page.get_by_role("button", name="Add the milestone"))
    expect(page.get_by_role("main")).to_contain_text("is on the timeline")

    # The timeline: chart, table, overdue in words, nothing wider than the screen.
    chart = page.get_by_role("img", name="Timeline of Essex's plans")
    expect(chart).to_be_visible()
    expect(chart.locator("text.app-gantt-status--overdue")).to_have_text("Overdue")
    expect(chart.locator("line.app-gantt-today")).to_have_count(1)
    expect(chart.locator("path.app-gantt-arrow")).to_have_count(1)
    table = page.get_by_role("region", name="Plan items")
    expect(table.get_by_role("row", name="Launch conference Project")).to_contain_text("Overdue")
    expect(table.get_by_role("row", name="Harlow transition surgeries")).to_contain_text(
        "Launch conference"
    )
    expect(page.get_by_role("main")).to_contain_text("Interim report to the core contact group")
    fits(page, width)
    box = page.get_by_role("region", name="Timeline chart, scrolls sideways")
    svg_width = chart.evaluate("svg => svg.getBoundingClientRect().width")
    assert svg_width > 900  # drawn at a readable size, never squeezed to the screen
    # At full width the whole chart shows; on a phone it scrolls in its own box.
    assert box.evaluate("el => el.scrollWidth > el.clientWidth") is (width == 320)

    # An item's own page.
    follow(page, table.get_by_role("link", name="Launch conference"))
    expect(page.get_by_role("main")).to_contain_text("This item is overdue")
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_cluster_lead_answers_a_feedback_loop(page: Page, project, width):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    loop = services.feedback_loop_create(
        actor=project.coleader,
        project=project,
        title="Spring term check-in",
        prompts=["How is the networking going?", "What should the LA do differently?"],
        opens_on=today,
        closes_on=today + dt.timedelta(days=10),
    )
    sign_in_quickly(page, project.lead)
    visit(page, reverse("home"))
    expect(page.get_by_role("main")).to_contain_text(
        "Feedback loops waiting for your cluster's answers"
    )
    fits(page, width)
    follow(page, page.get_by_role("link", name="Spring term check-in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster's answers")
    fits(page, width)

    page.get_by_label("1. How is the networking going?").fill("Heads meet every half-term.")
    follow(page, page.get_by_role("button", name="Save the answers"))
    expect(page.get_by_role("alert")).to_contain_text("Answer prompt 2")
    fits(page, width)
    page.get_by_label("2. What should the LA do differently?").fill("Fund supply cover.")
    follow(page, page.get_by_role("button", name="Save the answers"))

    expect(page).to_have_url(re.compile(re.escape(loop.get_absolute_url()) + "$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Harlow cluster's answers are saved.")
    expect(main).to_contain_text("Fund supply cover.")
    expect(main).to_contain_text("1 of 1 cluster answered.")
    fits(page, width)

    # Changed before it closes.
    follow(page, page.get_by_role("link", name="Change for Harlow cluster"))
    page.get_by_label("2. What should the LA do differently?").fill("Fund supply cover, termly.")
    follow(page, page.get_by_role("button", name="Save the answers"))
    expect(page.get_by_role("main")).to_contain_text("Fund supply cover, termly.")
    fits(page, width)
