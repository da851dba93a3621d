"""Accessibility checking and page-visiting helpers for browser tests.

Every page a browser test lands on must be scanned with axe-core. Tests move around
with `visit()` (a URL) and `follow()` (a click that loads a page, e.g. a link or a
form's submit button); both scan the page they arrive at. The `page` fixture records
every main-frame navigation and fails a test that lands anywhere it did not scan, so
a raw `page.goto()` or `click()` cannot quietly skip the check.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Locator, Page, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"

# WCAG 2.2 AA as published, with the A and AA rules of the earlier versions it contains.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

# Set BROWSER_SHOTS=/some/dir to keep a full-page screenshot of every scanned page.
SHOTS_DIR = os.environ.get("BROWSER_SHOTS", "")


@dataclass
class Navigation:
    url: str
    scanned: bool = False


@dataclass
class PageLog:
    """What one test's page did: where it went, what it scanned, what went wrong."""

    test_name: str
    base_url: str
    navigations: list[Navigation] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    broken_assets: list[str] = field(default_factory=list)
    shots: int = 0

    def unscanned(self) -> list[str]:
        return [nav.url for nav in self.navigations if not nav.scanned]


# One log per open page; the `page` fixture registers and removes it.
_logs: dict[Page, PageLog] = {}


def watch(page: Page, test_name: str, base_url: str) -> PageLog:
    log = PageLog(test_name, base_url)
    _logs[page] = log

    def on_navigated(frame):
        if frame == page.main_frame:
            log.navigations.append(Navigation(frame.url))

    def on_response(response: Response):
        # A missing stylesheet, script, font or image is a broken page even when the
        # HTML is fine. Documents are left to the test: a 404 may be the point.
        if response.status >= 400 and response.request.resource_type != "document":
            log.broken_assets.append(f"{response.status} {response.url}")

    page.on("framenavigated", on_navigated)
    page.on("response", on_response)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: log.broken_assets.append(f"failed {request.url} ({request.failure})"),
    )
    return log


def forget(page: Page) -> PageLog | None:
    return _logs.pop(page, None)


def _format_violation(violation: dict) -> str:
    lines = [
        f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
    ]
    for node in violation["nodes"]:
        lines.append(f"    at {' '.join(map(str, node['target']))}")
        summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
        if summary:
            lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation.

    The script is injected as an inline <script>, which our Content-Security-Policy
    forbids; the `page` fixture's context uses `bypass_csp=True` for that reason only.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    log = _logs.get(page)
    if log is not None:
        # Only the page we are on counts: an earlier one passed through without a
        # scan stays unscanned, and the fixture reports it.
        if log.navigations:
            log.navigations[-1].scanned = True
        if SHOTS_DIR:
            log.shots += 1
            name = re.sub(r"[^\w.-]+", "-", log.test_name).strip("-")
            Path(SHOTS_DIR).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS_DIR}/{name}-{log.shots:02d}.png", full_page=True)
    serious = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    if serious:
        report = "\n".join(_format_violation(v) for v in serious)
        raise AssertionError(
            f"axe found {len(serious)} serious or critical problem(s) on {page.url}:\n{report}"
        )


def visit(page: Page, url: str) -> Response | None:
    """Go to `url` (a path is resolved against the live server) and scan the page."""
    response = page.goto(url)
    assert_accessible(page)
    return response


def follow(page: Page, target: Locator) -> Response | None:
    """Click something that loads a new page (a link, a form's button); scan the result."""
    try:
        with page.expect_navigation() as navigation:
            target.click()
        response = navigation.value
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"clicking {target} on {page.url} loaded no new page "
            "(is the button inside its form? is a link's href right?)"
        ) from None
    assert_accessible(page)
    return response


def sign_in(page: Page, email: str, password: str) -> Response | None:
    """Sign in through the real form, as a person would."""
    visit(page, reverse("sign_in"))
    page.get_by_label(re.compile("email", re.I)).fill(email)
    page.get_by_label(re.compile("password", re.I)).fill(password)
    return follow(page, page.get_by_role("main").get_by_role("button", name="Sign in"))


def sign_in_quickly(page: Page, user) -> None:
    """Start signed in as `user` without the form, for journeys that are not about signing in.

    The session is made by Django's test client and handed to the browser as a cookie.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": _logs[page].base_url}]
    )


def push(page: Page, target: Locator) -> None:
    """Click something that swaps part of the page with htmx and pushes a new address
    (hx-push-url); return once the address has changed. Wait for the swapped content,
    then scan with `assert_accessible(page)`: the new address counts as unscanned
    until you do.

    Before pushing, htmx re-records the current address with history.replaceState
    (to cache the page for the back button), which Chromium reports as a navigation
    to the address the page already had. The document has not changed, so that one
    takes the scan the page already had there.
    """
    log = _logs.get(page)
    before_url = page.url
    already = len(log.navigations) if log is not None else 0
    was_scanned = bool(log and log.navigations and log.navigations[-1].scanned)
    with page.expect_event(
        "framenavigated",
        predicate=lambda frame: frame == page.main_frame and frame.url != before_url,
    ):
        target.click()
    if log is None:
        return
    for navigation in log.navigations[already:]:
        if navigation.url == before_url:
            navigation.scanned = was_scanned
