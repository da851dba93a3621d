"""Issue 2: an LA co-leader sees how well the LA's schools are networked.

Signs in, opens the LA from the directory, reads the membership coverage, spots the
school that is in no cluster, and opens a cluster to see who is in it.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from networks.models import Role
from tests.browser.helpers import follow, sign_in, sign_in_quickly, visit
from tests.conftest import PASSWORD
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)


@pytest.fixture
def essex(transactional_db):  # live_server implies it; said here for clarity
    la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=la)
    MembershipFactory(
        cluster=harlow, school=SchoolFactory(la=la, name="Harlow Fields Primary"), is_lead=True
    )
    MembershipFactory(cluster=harlow, school=SchoolFactory(la=la, name="Passmores Academy"))
    SchoolFactory(la=la, name="Little Canfield Primary")  # in no cluster: isolated
    return la


@pytest.fixture
def coleader(essex):
    user = UserFactory(email="coleader@example.org", name="Co Leader")
    grant(user, Role.LA_COLEADER, la=essex)
    return user


def open_essex(page):
    """From 'My work', through the LA directory, to the Essex page."""
    follow(
        page,
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Local authorities"),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Local authorities")
    follow(page, page.get_by_role("link", name="Essex", exact=True))


def test_it_shows_coverage_and_isolated_schools_then_opens_a_cluster(page, coleader):
    sign_in(page, "coleader@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    open_essex(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Essex")
    expect(page.get_by_role("heading", name="Membership coverage")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        re.compile(r"2 of 3 open schools \(\d+%\) are in at least one active cluster")
    )
    isolated = page.get_by_role("heading", name="Isolated schools")
    expect(isolated).to_be_visible()
    expect(page.get_by_role("link", name="Little Canfield Primary")).to_be_visible()

    follow(page, page.get_by_role("link", name="Harlow cluster").first)

    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Harlow Fields Primary")
    expect(main).to_contain_text("Passmores Academy")
    expect(main).not_to_contain_text("Little Canfield Primary")


def test_it_opens_an_isolated_school(page, coleader):
    sign_in_quickly(page, coleader)
    visit(page, reverse("home"))
    open_essex(page)

    follow(page, page.get_by_role("link", name="Little Canfield Primary"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Little Canfield Primary")
