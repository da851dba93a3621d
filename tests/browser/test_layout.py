"""The shared layout: things axe does not check, such as focus states."""

from django.urls import reverse

from tests.browser.helpers import sign_in_quickly, visit
from tests.factories import UserFactory

# The text colour and the first opaque background behind an element, as [r, g, b].
COLOURS_JS = """e => {
    const rgb = c => c.match(/[\\d.]+/g).map(Number);
    let node = e, background = [255, 255, 255, 0];
    while (node && node.nodeType === 1) {
        background = rgb(getComputedStyle(node).backgroundColor).concat([1]).slice(0, 4);
        if (background[3] > 0) break;
        node = node.parentElement;
    }
    return [rgb(getComputedStyle(e).color).slice(0, 3), background.slice(0, 3)];
}"""


def contrast(foreground, background) -> float:
    """WCAG 2 contrast ratio between two sRGB colours."""

    def luminance(rgb):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_it_keeps_focused_header_links_readable(page):
    sign_in_quickly(page, UserFactory())
    visit(page, reverse("home"))

    unreadable = []
    for link in page.locator("header a").all():
        link.focus()
        foreground, background = link.evaluate(COLOURS_JS)
        ratio = contrast(foreground, background)
        if ratio < 4.5:
            unreadable.append(
                f"{link.inner_text()!r}: {foreground} on {background} = {ratio:.2f}:1"
            )

    assert not unreadable, "focused header links below 4.5:1 contrast:\n" + "\n".join(unreadable)
