"""Reflow (WCAG 2.2, 1.4.10): every page of the service at 320 and at 1280 CSS px.

The pages are not listed by hand. They come from the URLconf, as the access matrix
walks it (tests/access/matrix.py `url_names()`), and each is opened with the arguments
and as a persona the matrix's rows say may see it (the first GET row of the name that
answers 200 to someone, without htmx headers), in the matrix's world
(tests/access/world.py) with a few long names, words and addresses added. A named URL
that is not a page of its own (a POST, a download, a CSV file, a health check) is
listed in NOT_PAGES with the reason; a name that is neither a page nor listed fails
the coverage test, so a new URL cannot slip past.

Each page must, at 320 px, not scroll sideways as a whole (a wide table scrolls in
its own labelled box instead) and pass axe with no violation of any impact; and pass
axe with none at 1280 px. Everything is walked in one browser context, each persona
signed in once; every problem is reported together at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from enquiries import services
from networks.models import Role
from tests.access.matrix import Row, load_rows, url_names
from tests.access.world import PERSONAS, World, build_world
from tests.browser import helpers
from tests.browser.widths import NARROW, WIDE, _overflow, _violations
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

# Who looks at a page: the first of these the page's row answers 200. Signed-out
# pages are seen signed out; then the everyday roles; staff only when no one else may.
LOOKERS: tuple[str, ...] = (
    "anonymous",
    "la_coleader",
    "cluster_lead",
    "national_facilitator",
    "la_officer",
    "la_facilitator",
    "link_adviser",
    "consultant",
    "cluster_member",
    "school_contact",
    "outsider",
    "staff",
)
assert set(LOOKERS) == set(PERSONAS), "a persona is missing from LOOKERS"

# Named URLs that are not pages to look at, and why.
NOT_PAGES: dict[str, str] = {
    "sign_out": "POST only (a GET is refused)",
    "invitation_resend": "POST only",
    "notifications:mark_read": "POST only",
    "notifications:mark_all_read": "POST only",
    "enquiries:enquiry_submit": "POST only",
    "enquiries:enquiry_decide": "POST only",
    "enquiries:enquiry_comment": "POST only",
    "enquiries:enquiry_link": "POST only",
    "enquiries:enquiry_withdraw": "POST only",
    "enquiries:enquiry_create": (
        "the world's questions exist, so the form sends owners on to revise them "
        "(the same form, looked at as enquiries:enquiry_revise)"
    ),
    "enquiries:cluster_enquiry_create": (
        "the world's cluster question exists, so the form sends its lead on to revise "
        "it (the same form, looked at as enquiries:enquiry_revise)"
    ),
    "healthz": "plain text for load balancers",
    "readyz": "plain text for load balancers",
    "admin:index": "Django's admin, for staff (tests/test_admin_pages.py opens it)",
    "brokerage:index_csv": "CSV file",
    "brokerage:la_membership_csv": "CSV file",
    "brokerage:activity_csv": "CSV file",
    "brokerage:partner_csv": "CSV file",
    "brokerage:partnership_csv": "CSV file",
    "brokerage:resource_csv": "CSV file",
    "brokerage:service_csv": "CSV file",
    "brokerage:visit_csv": "CSV file",
    "brokerage:peer_review_csv": "CSV file",
    "brokerage:exchange_csv": "CSV file",
    "enquiries:plan_timeline_csv": "CSV file",
    "enquiries:log_attachment_download": "a file download",
    "enquiries:archive_download": "a file download",
    "enquiries:archive_csv": "CSV file",
    "enquiries:feedback_loop_list_csv": "CSV file",
    "enquiries:initiative_list_csv": "CSV file",
    "enquiries:log_list_csv": "CSV file",
    "enquiries:project_questions_csv": "CSV file",
    "enquiries:review_queue_csv": "CSV file",
    "invitation_list_csv": "CSV file",
    "meetings:list_csv": "CSV file",
    "networks:audit_log_csv": "CSV file",
    "networks:la_clusters_csv": "CSV file",
    "networks:la_isolated_csv": "CSV file",
    "networks:la_list_csv": "CSV file",
    "networks:la_people_csv": "CSV file",
    "networks:la_schools_csv": "CSV file",
    "meetings:ics": "a calendar file",
    "evidence:evidence_csv": "CSV file",
    "evidence:evidence_qdpx": "a REFI-QDA project file (tests/evidence parse it back)",
    "evidence:codebook_qdc": "a REFI-QDA codebook file (tests/evidence parse it back)",
    "evidence:evidence_create": (
        "a form opened from a chosen source (without one it redirects to the choice); "
        "tests/browser/test_evidence_journey.py scans it at both widths"
    ),
    "reports:build_request": "POST only",
    "reports:build_progress": (
        "an htmx fragment of the case-study page (a plain GET redirects to the page)"
    ),
    "meetings:calendar_feed": "a calendar feed, for calendar programs",
}

# Other states of a page that lay out differently, by row label (rows_*.py).
MORE_SHAPES: set[tuple[str, str]] = {
    ("enquiries:enquiry_detail", "key question"),
    ("enquiries:enquiry_revise", "LA question"),
    ("enquiries:feedback_loop_detail", "closed"),
    ("networks:search", "Harlow"),
    ("networks:la_list", "filtered"),
}

# Words too long for a 320 px line, as people really type them.
LONG_SCHOOL = "St Mary Magdalene's Church of England Voluntary Aided Junior and Infant Academy"
LONG_EMAIL = "deputy.headteacher.administration@harlowfieldsprimaryacademytrust.essex.sch.uk"
LONG_NAME = "Wolstenholme-Featherstonehaugh-Cholmondeley"
LONG_CLUSTER = "Uttlesford Rural Partnership of Small Village Schools and Academies"


@dataclass(frozen=True)
class Look:
    row: Row
    persona: str

    @property
    def id(self) -> str:
        return f"{self.row.id} as {self.persona}"


def _answers_200(row: Row) -> list[str]:
    return [persona for persona in LOOKERS if row.expected(persona) == 200]


def _page_rows() -> list[Row]:
    return [
        row for row in load_rows() if row.method == "get" and not row.headers and _answers_200(row)
    ]


def looks() -> list[Look]:
    """One look per page (its first row that answers 200), plus MORE_SHAPES."""
    chosen: list[Look] = []
    seen: set[str] = set()
    for row in _page_rows():
        if row.name in NOT_PAGES:
            continue
        if row.name not in seen or (row.name, row.label) in MORE_SHAPES:
            seen.add(row.name)
            chosen.append(Look(row, _answers_200(row)[0]))
    return chosen


def test_every_url_is_a_page_here_or_says_why_not():
    pages = {row.name for row in _page_rows()}
    names = url_names()
    neither = sorted(names - pages - set(NOT_PAGES))
    assert not neither, (
        "These URLs are neither opened by this test (no GET row of tests/access answers "
        "200 to anyone) nor listed in NOT_PAGES with a reason:\n  " + "\n  ".join(neither)
    )
    stale = sorted(set(NOT_PAGES) - names)
    assert not stale, f"NOT_PAGES names URLs that no longer exist: {stale}"
    shapes = {(row.name, row.label) for row in _page_rows()}
    assert MORE_SHAPES <= shapes, f"MORE_SHAPES not in the rows: {MORE_SHAPES - shapes}"


def _add_long_words(w: World) -> None:
    """Things that do not fit a phone's line unless the page lets them wrap: a school
    and a cluster with long names, a person with a long email address, and the
    cluster's question submitted, so the review queue has a row."""
    school = SchoolFactory(name=LONG_SCHOOL, la=w.la, urn=115999, town="Saffron Walden")
    MembershipFactory(cluster=w.cluster, school=school)
    person = UserFactory(email=LONG_EMAIL, name=LONG_NAME)
    grant(person, Role.CLUSTER_MEMBER, cluster=w.cluster)
    long_cluster = ClusterFactory(name=LONG_CLUSTER, host_la=w.la)
    MembershipFactory(cluster=long_cluster, school=school, is_lead=True)
    lead = UserFactory(email="long-lead@example.org", name="Fiona Castell")
    grant(lead, Role.CLUSTER_LEAD, cluster=long_cluster)
    participation = services.cluster_join_project(
        actor=w.users["la_coleader"], project=w.project, cluster=long_cluster
    )
    question = services.enquiry_create(
        actor=lead,
        cluster_participation=participation,
        text="How do small village schools share one transition programme across a rural "
        "district without anyone travelling further than an hour?",
    )
    services.enquiry_submit(enquiry=question, actor=lead)


@pytest.fixture
def world(transactional_db) -> World:  # live_server implies it; said here for clarity
    load_rows()  # registers the rows modules' world extensions
    w = build_world()
    _add_long_words(w)
    return w


def _sign_in_as(page: Page, w: World, sessions: dict[str, str], persona: str) -> None:
    page.context.clear_cookies()
    user = w.users[persona]
    if user is None:
        return
    if persona not in sessions:
        client = Client()
        client.force_login(user)
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": sessions[persona],
                "url": helpers._logs[page].base_url,
            }
        ]
    )


def _look_at(page: Page, url: str) -> list[str]:
    """Open `url` at 320 px; what is wrong with it there and at 1280 px."""
    problems: list[str] = []
    page.set_viewport_size(NARROW)
    response = page.goto(url)  # waits for the load event
    # The page fixture fails a test that lands anywhere unscanned; this scans below.
    helpers._logs[page].navigations[-1].scanned = True
    if response is None or response.status != 200:
        return [f"answered {response.status if response else 'nothing'}, not 200"]
    kind = response.headers.get("content-type", "")
    if not kind.startswith("text/html"):
        return [f"is {kind}, not a page: list it in NOT_PAGES with the reason"]
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    if wide > NARROW["width"]:
        problems.append(f"at 320 px it is {wide} px wide; sticking out: {_overflow(page)}")
    for size in (NARROW, WIDE):
        if size is WIDE:
            page.set_viewport_size(WIDE)
        for violation in _violations(page):
            problems.append(f"axe at {size['width']} px: {helpers._format_violation(violation)}")
    return problems


def test_every_page_reflows_at_320_px_and_passes_axe(page: Page, world: World):
    sessions: dict[str, str] = {}
    report: list[str] = []
    started = time.monotonic()
    current = None
    for look in looks():
        if look.persona != current:
            _sign_in_as(page, world, sessions, look.persona)
            current = look.persona
        url = reverse(look.row.name, args=look.row.args(world))
        if look.row.query:
            url += "?" + urlencode(look.row.query)
        problems = _look_at(page, url)
        if problems:
            report.append(f"{look.id} ({url}):\n  " + "\n  ".join(problems))
    page.set_viewport_size(WIDE)
    took = time.monotonic() - started
    assert not report, (
        f"{len(report)} of {len(looks())} pages fail (walked in {took:.0f} s):\n\n"
        + "\n\n".join(report)
    )
