"""Browser tests: Chromium driven by sync Playwright against pytest-django's live server.

One browser per session; each test gets a fresh context (no cookies carried over) and
a page whose every visit must be scanned with axe (see tests/browser/helpers.py).

Chromium is Debian's (/usr/bin/chromium): Playwright cannot download its own here.
Without it the tests skip locally, and fail when CI is set, because a browser test
that did not run has not passed.
"""

import os
from pathlib import Path

import pytest

from tests.browser import helpers

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    # Conftest hooks see the whole session's items: mark only the ones in this folder.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixture's teardown checks come after a passing test only, so a
    # failure is reported once, by its first cause.
    if report.when == "call":
        item.browser_call_passed = report.passed
    return report


@pytest.fixture(scope="session")
def _playwright():
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(request, browser, live_server):
    # bypass_csp only so axe can be injected as an inline script; the app's policy
    # is tested without a browser.
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    log = helpers.watch(page, request.node.name, live_server.url)
    try:
        yield page
    finally:
        helpers.forget(page)
        context.close()
    if not getattr(request.node, "browser_call_passed", False):
        return
    problems = []
    if log.unscanned():
        problems.append(
            "pages visited but never checked with axe (use visit()/follow(), or call "
            "assert_accessible(page) after landing): " + ", ".join(log.unscanned())
        )
    if log.page_errors:
        problems.append("JavaScript errors: " + "; ".join(log.page_errors))
    if log.broken_assets:
        problems.append("assets that failed to load: " + "; ".join(log.broken_assets))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
