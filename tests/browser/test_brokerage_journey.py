"""Brokerage: an Essex co-leader records a partnership, a commissioned service and a
brokerage activity, then sees them on the dashboard and the network map.

Every page is scanned with axe at 1280 and at 320 CSS px, where it must not scroll
sideways. Here a page passes only with no violation of any impact (the shared helper
fails on serious and critical ones). The register, the co-leader and the provider
(a partner added earlier) are set up through factories and services; the rest
happens in the browser.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from brokerage import services
from networks.models import Cluster, Role
from tests.browser import helpers
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

WIDE, NARROW = 1280, 320
DONE_ON = timezone.localdate() - dt.timedelta(days=2)


def strictly_accessible(page: Page) -> None:
    """No axe violation of any impact, at 1280 and at 320 px; no sideways scroll at 320."""
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        results = page.evaluate(
            """async (tags) => await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
            helpers.AXE_TAGS,
        )
        found = [helpers._format_violation(v) for v in results["violations"]]
        assert not found, f"axe at {width}px on {page.url}:\n" + "\n".join(found)
        if width == NARROW:
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px"
            if helpers.SHOTS_DIR:  # BROWSER_SHOTS=dir keeps the narrow view too
                name = re.sub(r"[^\w.-]+", "-", page.url.split("/", 3)[-1]).strip("-")
                page.screenshot(path=f"{helpers.SHOTS_DIR}/narrow-{name}.png", full_page=True)
    page.set_viewport_size({"width": WIDE, "height": 900})


def go(page: Page, url: str) -> None:
    visit(page, url)
    strictly_accessible(page)


def press(page: Page, target) -> None:
    follow(page, target)
    strictly_accessible(page)


def fill_date(page: Page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


@pytest.fixture
def coleader(transactional_db):  # live_server implies it; said here for clarity
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=essex)
    for name, lead in [("Harlow Fields Primary", True), ("Passmores Academy", False)]:
        MembershipFactory(cluster=harlow, school=SchoolFactory(la=essex, name=name), is_lead=lead)
    aip = ClusterFactory(
        name="Harlow Area Improvement Partnership", host_la=essex, kind=Cluster.Kind.AIP
    )
    for name in ("Oak Primary", "Elm Primary"):
        MembershipFactory(cluster=aip, school=SchoolFactory(la=essex, name=name))
    SchoolFactory(la=essex, name="Little Canfield Primary")  # isolated
    user = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(user, Role.LA_COLEADER, la=essex)
    services.partner_create(
        actor=user, la=essex, name="Coastal Learning Ltd", sector="private_provider"
    )
    return user


def test_a_coleader_records_brokerage_and_sees_it_on_the_dashboard_and_map(page: Page, coleader):
    sign_in_quickly(page, coleader)
    go(page, reverse("home"))
    press(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Brokerage"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brokerage")
    press(page, page.get_by_role("link", name="Essex", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brokerage dashboard")

    # A partner, and its partnership with Harlow.
    press(page, page.get_by_role("link", name="Add a partner"))
    page.get_by_label("Organisation").fill("Harlow College")
    page.get_by_label("Sector").select_option(label="College")
    press(page, page.get_by_role("button", name="Add the partner"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow College")
    press(page, page.get_by_role("link", name="Record a partnership"))
    page.get_by_label("Works with").select_option(label="Harlow cluster")
    page.get_by_label("Purpose").fill("Taster days for Year 9 pupils")
    press(page, page.get_by_role("button", name="Record the partnership"))
    expect(page.get_by_role("main")).to_contain_text(
        "The partnership with Harlow cluster is recorded."
    )
    expect(page.get_by_role("heading", name="With Harlow cluster")).to_be_visible()

    # A service the AIP commissions: a malformed cost first, then a good one.
    go(page, reverse("brokerage:service_create", args=["881"]))
    page.get_by_label("Network commissioning the service").select_option(
        label="Harlow Area Improvement Partnership"
    )
    press(page, page.get_by_role("button", name="Continue"))
    page.get_by_label("Provider").select_option(label="Coastal Learning Ltd")
    page.get_by_label("What was commissioned").fill("Development days for two schools")
    schools = page.get_by_role("group", name="For which schools")
    schools.get_by_label("Oak Primary").check()
    schools.get_by_label("Elm Primary").check()
    page.get_by_label("Cost in pounds (optional)").fill("4,500.555")
    fill_date(page, "Start date", 1, 9, 2025)
    fill_date(page, "First impact review due (optional)", 1, 3, 2026)
    press(page, page.get_by_role("button", name="Record the service"))
    expect(page.get_by_role("alert")).to_contain_text("Enter the cost in pounds, like 1500")
    page.get_by_label("Cost in pounds (optional)").fill("£4,500")
    press(page, page.get_by_role("button", name="Record the service"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Development days for two schools")
    expect(page.get_by_role("main")).to_contain_text("£4,500")

    # A brokerage activity.
    go(page, reverse("brokerage:la_dashboard", args=["881"]))
    press(page, page.get_by_role("link", name="Record an activity"))
    page.get_by_label("Activity", exact=True).select_option(
        label="Challenge network leaders on membership"
    )
    page.get_by_label("What happened").fill("Asked Harlow's heads about Little Canfield")
    fill_date(page, "Date", DONE_ON.day, DONE_ON.month, DONE_ON.year)
    page.get_by_role("group", name="Clusters (optional)").get_by_label("Harlow cluster").check()
    page.get_by_label("Outcome (optional)").fill("They will invite the school in.")
    press(page, page.get_by_role("button", name="Record the activity"))
    expect(page.get_by_role("main")).to_contain_text("The activity is recorded.")
    expect(page.get_by_role("row", name=re.compile("Asked Harlow"))).to_contain_text(
        "Network membership: Challenge network leaders on membership"
    )

    # The dashboard and the map show them.
    press(page, page.get_by_role("link", name="Dashboard"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Asked Harlow's heads about Little Canfield")
    expect(main).to_contain_text("Development days for two schools")  # its review is due
    expect(
        page.get_by_role("img", name="Brokerage activities by role, month by month")
    ).to_be_visible()
    # One network-membership activity in its month, in the chart's table.
    month_row = page.get_by_role("row", name=re.compile(DONE_ON.strftime("^%b %Y")))
    expect(month_row.get_by_role("cell").first).to_have_text("1")
    press(page, page.get_by_role("link", name="Network map"))
    expect(page.get_by_role("img", name="Network map of Essex")).to_be_visible()
    lists = page.get_by_role("main")
    expect(lists).to_contain_text("With Harlow cluster: active")
    expect(lists).to_contain_text("Oak Primary")
    press(page, page.get_by_role("link", name="Membership"))
    expect(main).to_contain_text("Is the mix of schools diverse enough?")
