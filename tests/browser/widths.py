"""Checks at both widths the design asks for: every page at 1280 and at 320 CSS px.

`visit()` and `follow()` (helpers.py) scan each page they land on for serious and
critical problems. `check_widths(page)` adds what these journeys promise on top: an
axe scan with no violation of *any* impact, at 1280 px and again at 320 px, and no
sideways scrolling at 320 px (a wide table scrolls in its own labelled box instead).
The viewport goes back to 1280 px afterwards.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.helpers import AXE_JS, AXE_TAGS, _format_violation

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def _violations(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return results["violations"]


def _overflow(page: Page) -> list[str]:
    """Elements that stick out past the right edge of a 320 px window (outside any box
    that scrolls on its own)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            // Up to the body only: the page sets overflow-y on <html>, which makes its
            // overflow-x compute to auto, and would excuse everything.
            const scrolls = e => {
                for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
                    const style = getComputedStyle(n);
                    if (['auto', 'scroll'].includes(style.overflowX)) return true;
                }
                return false;
            };
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                          + (e.className && typeof e.className === 'string'
                             ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
        }"""
    )


def check_widths(page: Page) -> None:
    """Fail on any axe violation at 1280 or 320 px, or sideways scroll at 320 px."""
    problems: list[str] = []
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        page.wait_for_timeout(50)  # let layout settle after the resize
        for violation in _violations(page):
            problems.append(f"at {size['width']} px: {_format_violation(violation)}")
        if size is NARROW:
            sticking_out = _overflow(page)
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            if wide > NARROW["width"]:
                problems.append(
                    f"at 320 px the page is {wide} px wide; sticking out: {sticking_out}"
                )
    page.set_viewport_size(WIDE)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
