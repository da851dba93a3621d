"""Clusters and their membership in the browser, at 1280 and 320 px with axe scans.

1. An LA co-leader sets up a cluster from the LA's page, adds an isolated school to it
   in one step from the isolated-schools list, adds a second school (of another LA)
   with the school picker (typing brings up the matches), and names the lead school.
2. A cluster lead proposes a school; the co-leader finds the proposal on their home
   page and confirms it; the school is a member.

What comes before each journey is made with factories; what people do is done in the
browser.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from networks.models import Membership, MembershipProposal, Role
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
def essex(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow Learning Partnership", host_la=essex)
    MembershipFactory(
        cluster=harlow,
        school=SchoolFactory(la=essex, name="Passmores Academy", urn=137445),
        is_lead=True,
    )
    SchoolFactory(la=essex, name="Maldon Primary School", urn=114800, postcode="CM9 5AA")
    SchoolFactory(la=essex, name="Tollesbury School", urn=114801, postcode="CM9 8QE", pupils=None)
    northants = LocalAuthorityFactory(code="928", name="Northamptonshire")
    SchoolFactory(la=northants, name="Brixworth Primary", urn=121950, postcode="NN6 9BX")
    return essex


@pytest.fixture
def coleader(essex):
    user = UserFactory(email="coleader@example.org", name="Margaret Hollis")
    grant(user, Role.LA_COLEADER, la=essex)
    return user


def go(page: Page, target) -> None:
    """Follow a link or button, then check the page at both widths."""
    follow(page, target)
    check_widths(page)


def test_a_coleader_sets_up_a_cluster_adds_schools_and_names_the_lead(page: Page, essex, coleader):
    sign_in_quickly(page, coleader)
    visit(page, reverse("networks:la_detail", args=[essex.code]))
    check_widths(page)

    # --- Set up the cluster (a first try without a name is refused)
    go(page, page.get_by_role("link", name="Set up a cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a cluster")
    expect(page.get_by_label("Host LA")).to_have_value(str(essex.pk))
    go(page, page.get_by_role("button", name="Set up the cluster"))
    expect(page.get_by_role("alert")).to_contain_text("Enter the cluster's name")
    page.get_by_label("Name").fill("Dengie Small Schools")
    page.get_by_role("group", name="Kind of network").get_by_label("Cluster", exact=True).check()
    page.get_by_label("Description (optional)").fill("Village primaries on the peninsula.")
    founded = page.get_by_role("group", name="Founded (optional)")
    founded.get_by_label("Day").fill("1")
    founded.get_by_label("Month").fill("4")
    founded.get_by_label("Year").fill("1996")
    go(page, page.get_by_role("button", name="Set up the cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dengie Small Schools")
    expect(page.get_by_role("main")).to_contain_text("Dengie Small Schools is set up.")
    expect(page.get_by_role("main")).to_contain_text("No schools are members now.")

    # --- Add an isolated school in one step, from the isolated-schools list
    visit(page, reverse("networks:la_isolated", args=[essex.code]))
    check_widths(page)
    row = page.get_by_role("row", name="Maldon Primary School")
    row.get_by_label("Cluster for Maldon Primary School").select_option(
        label="Dengie Small Schools"
    )
    go(page, row.get_by_role("button", name="Add Maldon Primary School to the cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dengie Small Schools")
    expect(page.get_by_role("main")).to_contain_text(
        "Maldon Primary School has joined Dengie Small Schools."
    )
    members = page.get_by_role("region", name="Current member schools")
    expect(members).to_contain_text("Maldon Primary School")

    # --- A school of another LA, found with the picker as you type (htmx)
    go(page, page.get_by_role("link", name="Add a school"))
    search = page.get_by_label("Find a school")
    search.press_sequentially("brixw", delay=30)
    choice = page.get_by_role("radio", name="Brixworth Primary")
    expect(choice).to_be_visible()
    # Screen readers hear how many were found (a live region htmx updates out of band).
    expect(page.locator("#school-status")).to_have_text("1 school found")
    search.press_sequentially("orth", delay=30)  # "brixworth": the region is still there
    expect(choice).to_be_visible()
    expect(page.locator("#school-status")).to_have_text("1 school found")
    expect(page.get_by_role("main")).to_contain_text("URN 121950 · NN6 9BX · Northamptonshire")
    check_widths(page)
    choice.check()
    go(page, page.get_by_role("button", name="Add the school"))
    expect(page.get_by_role("main")).to_contain_text(
        "Brixworth Primary has joined Dengie Small Schools."
    )
    expect(members).to_contain_text("Northamptonshire")

    # --- Name the lead school
    go(page, page.get_by_role("link", name="Name the lead school"))
    page.get_by_role("radio", name="Maldon Primary School").check()
    go(page, page.get_by_role("button", name="Save the lead school"))
    expect(page.get_by_role("main")).to_contain_text(
        "Maldon Primary School is now the lead school."
    )
    expect(members.get_by_role("row", name="Maldon Primary School")).to_contain_text("Lead")

    lead = Membership.objects.get(school__urn=114800)
    assert lead.is_lead and lead.cluster.name == "Dengie Small Schools"
    assert Membership.objects.filter(cluster=lead.cluster, left_on=None).count() == 2


def test_the_picker_works_without_javascript(browser, live_server, essex, coleader):
    """The search box is a plain GET form: Search reloads the page with the matches."""
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True
    )
    page = context.new_page()
    try:
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(coleader)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        cluster = ClusterFactory(name="Tendring Coast", host_la=essex)
        page.goto(reverse("networks:membership_add", args=[cluster.pk]))
        page.get_by_label("Find a school").fill("CM9 8QE")
        with page.expect_navigation():
            page.get_by_role("button", name="Find schools").click()
        page.get_by_role("radio", name="Tollesbury School").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Add the school").click()
        expect(page.get_by_role("main")).to_contain_text("Tollesbury School has joined")
    finally:
        context.close()


def test_a_cluster_lead_proposes_and_the_coleader_confirms(page: Page, essex, coleader):
    harlow = essex.clusters.get()
    lead = UserFactory(email="lead@example.org", name="Fiona Castell")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)

    # --- The cluster lead proposes a school
    sign_in_quickly(page, lead)
    visit(page, harlow.get_absolute_url())
    check_widths(page)
    go(page, page.get_by_role("link", name="Propose a school"))
    page.get_by_label("Find a school").press_sequentially("maldon", delay=30)
    page.get_by_role("radio", name="Maldon Primary School").check()
    page.get_by_label("Why this school (optional)").fill("Its head asked to join in September.")
    go(page, page.get_by_role("button", name="Propose the school"))
    expect(page.get_by_role("main")).to_contain_text(
        "Maldon Primary School is proposed. Essex will confirm it."
    )
    expect(page.get_by_role("main")).to_contain_text("Waiting for the LA")
    go(page, page.get_by_role("banner").get_by_role("button", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")

    # --- The co-leader sees it on their home page and confirms it
    sign_in_quickly(page, coleader)
    visit(page, reverse("home"))
    check_widths(page)
    expect(page.get_by_role("main")).to_contain_text("Schools proposed to join clusters (1)")
    go(
        page,
        page.get_by_role("link", name="Maldon Primary School to join Harlow Learning Partnership"),
    )
    expect(page.get_by_role("main")).to_contain_text("Its head asked to join in September.")
    page.get_by_role("radio", name="Confirm: the school joins").check()
    go(page, page.get_by_role("button", name="Save your answer"))
    expect(page.get_by_role("main")).to_contain_text(
        "Maldon Primary School has joined Harlow Learning Partnership."
    )
    expect(page.get_by_role("region", name="Current member schools")).to_contain_text(
        "Maldon Primary School"
    )
    assert MembershipProposal.objects.get().status == "confirmed"
