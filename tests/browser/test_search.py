"""Search, as people type it: an Essex co-leader finds a school by a sloppy name and by
its postcode without the space, a question by a word of it, and pages through one kind.

Every page is scanned with axe at 1280 and at 320 CSS px (no violation of any impact)
and must not scroll sideways at 320 px.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services
from enquiries.models import Initiative
from networks.models import Role
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.browser.test_brokerage_journey import strictly_accessible
from tests.factories import LocalAuthorityFactory, SchoolFactory, UserFactory, grant


@pytest.fixture
def coleader(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    SchoolFactory(la=essex, name="St Mary's Church of England Primary School", postcode="CM20 1AA")
    for n in range(25):
        SchoolFactory(la=essex, name=f"Oakwood Primary {n + 1:02d}", postcode=f"CM{n + 1} 2BB")
    national = UserFactory(email="national@example.org", name="Nadia National")
    grant(national, Role.NATIONAL_FACILITATOR)
    user = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(user, Role.LA_COLEADER, la=essex)
    initiative: Initiative = services.initiative_create(
        actor=national, name="LEArning", las=[essex], key_questions=["What do LAs learn?"]
    )
    services.project_create(
        actor=user,
        initiative=initiative,
        la=essex,
        title="Essex learning project",
        development_focus="Clusters working together.",
        question="How can transition to secondary school draw on pupils' voices?",
    )
    return user


def search_for(page: Page, typed: str) -> None:
    page.get_by_label("Search schools, clusters, people and questions").fill(typed)
    follow(page, page.get_by_role("search", name="Site").get_by_role("button", name="Search"))
    strictly_accessible(page)


def test_a_coleader_finds_what_they_type(page: Page, coleader):
    sign_in_quickly(page, coleader)
    visit(page, reverse("home"))

    search_for(page, "st marys primary")
    expect(page.get_by_role("heading", name="Schools (1)")).to_be_visible()
    expect(
        page.get_by_role("link", name="St Mary's Church of England Primary School")
    ).to_be_visible()

    search_for(page, "cm201aa")
    expect(
        page.get_by_role("link", name="St Mary's Church of England Primary School")
    ).to_be_visible()

    search_for(page, "TRANSITION pupil")
    expect(page.get_by_role("heading", name="Enquiry questions (1)")).to_be_visible()
    follow(page, page.get_by_role("link", name="How can transition to secondary school"))
    expect(page.get_by_role("main")).to_contain_text("How can transition to secondary school")

    search_for(page, "oakwood")
    expect(page.get_by_role("heading", name="Schools (25)")).to_be_visible()
    follow(page, page.get_by_role("link", name="See all 25 schools"))
    strictly_accessible(page)
    follow(page, page.get_by_role("link", name="Next page"))
    strictly_accessible(page)
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()

    search_for(page, "x" * 300)
    expect(page.get_by_role("alert")).to_contain_text("Your search is too long")
