"""Every demo sign-in reaches their work from "My work", at 1280 and at 320 CSS px.

For each role in the demo (devtools/demo/people.py; `python manage.py demo_accounts`
lists them) the demo data is seeded as `seed_demo` does, and the person signs in
through the form with the published demo password. On "My work" they see the panels
their role brings, and from one of them reach a piece of their work (a question, a
project, a review, a plan item, a form to fill in) by keyboard (Tab until the link
has focus, then Enter) or by a click. Every page on the way is scanned with axe at
1280 and at 320 px with no violation of any impact allowed, and must not scroll
sideways at 320 px (tests/browser/widths.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from devtools.demo.sources import DEMO_PASSWORD, demo_email
from tests.browser.helpers import assert_accessible, follow, sign_in
from tests.browser.widths import check_widths

ESSEX_PROJECT = "Essex: clusters for every child"
HARLOW = "Harlow Learning Partnership"


@dataclass(frozen=True)
class Step:
    """Follow the first link called `link` at or after the heading `under`, and land
    on a page whose h1 contains `arrives`, showing `sees`."""

    under: str | None  # None: anywhere in <main>
    link: str
    arrives: str
    sees: tuple[str, ...] = ()
    keyboard: bool = False


@dataclass(frozen=True)
class Journey:
    account: str  # the demo email's local part
    panels: tuple[str, ...]  # headings on their home
    steps: tuple[Step, ...] = field(default_factory=tuple)
    # Menu links they must not be offered (they have nothing there).
    not_in_menu: tuple[str, ...] = ()


JOURNEYS = (
    Journey(
        "facilitator",
        panels=("Your questions and reviews", "Awaiting your review", "The national network"),
        steps=(
            Step(
                None,
                "Open your review queue",
                "Review queue",
                sees=("Questions awaiting your review",),
                keyboard=True,
            ),
            Step(
                "Questions awaiting your review",
                HARLOW,
                HARLOW,
                sees=("Review", "Record decision"),
            ),
        ),
    ),
    Journey(
        "coleader",
        panels=("Your projects and questions", "Awaiting your review", "Brokerage"),
        steps=(
            Step(
                ESSEX_PROJECT,
                ESSEX_PROJECT,
                ESSEX_PROJECT,
                sees=(HARLOW,),
                keyboard=True,
            ),
        ),
    ),
    Journey(
        "officer",
        panels=("Your projects and questions", "Your plan items due soon or overdue"),
        steps=(
            Step(
                "Your plan items due soon or overdue",
                "Research archive categories agreed and populated",
                "Research archive categories agreed and populated",
                sees=("Essex · Enquiry plan", "Sanjay Mehta"),
            ),
        ),
        not_in_menu=("Review queue",),
    ),
    Journey(
        "la-facilitator",
        panels=("Your projects and questions", "Awaiting your review"),
        steps=(
            Step(
                "Awaiting your review",
                HARLOW,
                HARLOW,
                sees=("Review", "Record decision"),
                keyboard=True,
            ),
        ),
    ),
    Journey(
        "consultant",
        panels=("Your projects and questions", "Your clusters"),
        steps=(
            Step(
                ESSEX_PROJECT,
                "Dengie Small Schools Cluster",
                "Dengie Small Schools Cluster",
                sees=("Revision history",),
            ),
        ),
        not_in_menu=("Review queue",),
    ),
    Journey(
        "link-adviser",
        panels=("Your projects and questions", "Your clusters"),
        steps=(
            Step(
                "Your clusters",
                "Basildon Infant and Junior Cluster",
                "Basildon Infant and Junior Cluster",
                keyboard=True,
            ),
        ),
        not_in_menu=("Review queue",),
    ),
    Journey(
        "cluster-lead",
        panels=("Your projects and questions", "Your questions", "Your clusters"),
        steps=(
            Step(
                "Feedback loops waiting for your cluster's answers",
                "Spring term: is the enquiry shaping the work?",
                f"{HARLOW}'s answers",
                sees=("Spring term: is the enquiry shaping the work?",),
                keyboard=True,
            ),
        ),
        not_in_menu=("Review queue",),
    ),
    Journey(
        "cluster-member",
        panels=("Your projects and questions", "Your clusters"),
        steps=(
            Step(
                ESSEX_PROJECT,
                HARLOW,
                HARLOW,
                sees=("Revision history",),
            ),
        ),
        not_in_menu=("Review queue",),
    ),
    Journey(
        "school-contact",
        panels=("Waiting on you", "Your projects and questions", "Your school"),
        steps=(
            Step(
                "Waiting on you",
                "Write your school's question",
                "Write the school enquiry question",
                keyboard=True,
            ),
        ),
        not_in_menu=("Review queue",),
    ),
)


@pytest.fixture
def demo(transactional_db, settings):  # live_server implies the database; said here
    # The demo gives its sign-ins a password only in development.
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def _heading(text: str) -> re.Pattern:
    """A heading's text, with or without a count after it ("Awaiting your review (2)")."""
    return re.compile(rf"^{re.escape(text)}( \(\d+\))?$")


def _link_after(page: Page, heading: str | None, name: str) -> Locator:
    """The first link called `name` in <main> at or after the heading `heading`."""
    main = page.get_by_role("main")
    if heading is None:
        return main.get_by_role("link", name=name, exact=True).first
    title = main.get_by_role("heading", name=_heading(heading))
    expect(title).to_have_count(1)
    links = title.locator("xpath=descendant-or-self::a | following::a")
    return links.filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")).first


def _tab_to(page: Page, link: Locator, most: int = 150) -> None:
    """Press Tab from the top of the page until `link` has the focus."""
    href = link.get_attribute("href")
    text = link.inner_text().strip()
    page.locator("body").focus()
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([href, text]) => document.activeElement?.getAttribute('href') === href"
            " && document.activeElement.innerText.trim() === text",
            [href, text],
        ):
            return
    raise AssertionError(f"Tab never reached the link {text!r} ({href}) on {page.url}")


def _take(page: Page, step: Step) -> None:
    link = _link_after(page, step.under, step.link)
    expect(link).to_be_visible()
    if step.keyboard:
        _tab_to(page, link)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert_accessible(page)
    else:
        follow(page, link)
    expect(page.get_by_role("heading", level=1)).to_contain_text(step.arrives)
    main = page.get_by_role("main")
    for text in step.sees:
        expect(main).to_contain_text(text)
    check_widths(page)


def _journey(page: Page, journey: Journey) -> None:
    page.context.clear_cookies()
    sign_in(page, demo_email(journey.account), DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    main = page.get_by_role("main")
    for heading in journey.panels:
        expect(main.get_by_role("heading", name=_heading(heading))).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu")
    for name in journey.not_in_menu:
        expect(menu.get_by_role("link", name=re.compile(name))).to_have_count(0)
    check_widths(page)
    for step in journey.steps:
        _take(page, step)


def test_each_demo_sign_in_reaches_their_work_from_home(page: Page, demo):
    """One seeded demo for every role (seeding costs more than a journey); each role's
    failure is reported, not only the first."""
    failures = []
    for journey in JOURNEYS:
        try:
            _journey(page, journey)
        except AssertionError as error:
            failures.append(f"{journey.account} (at {page.url}):\n{_short(error)}")
    assert not failures, "\n\n".join(failures)


def _short(error: AssertionError) -> str:
    """An assertion's message without Playwright's page snapshot."""
    message = str(error).split("Aria snapshot:")[0].split("Call log:")[0]
    return re.sub(r"\n\s*\n+", "\n", message).strip()
