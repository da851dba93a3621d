"""The alignment map of the Essex demo in a browser: accessible at 1280 and 320 px
with no sideways page scroll; on a 375 px phone the picture keeps a readable size and
scrolls in its own focusable, labelled box; the links to key questions hide at once
with JavaScript (and through the form's button without it); the initiative matrix
names its key questions in words."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries.models import Project
from networks.models import User
from tests.browser.helpers import assert_accessible, sign_in_quickly, visit
from tests.browser.widths import check_widths


@pytest.fixture
def essex(transactional_db):
    with override_settings(DEBUG=True), open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    return Project.objects.get(la__name="Essex")


def test_the_map_reads_well_on_a_desktop_and_on_a_phone(page: Page, live_server, essex):
    sign_in_quickly(page, User.objects.get(email="coleader@demo.enquiry-networks.test"))
    visit(page, reverse("enquiries:project_map", args=[essex.pk]))
    check_widths(page)

    # Full names, wrapped: never cut with "…".
    labels = page.locator("svg .app-map-text--label").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert labels
    assert not [label for label in labels if "…" in label]

    # A phone: the picture is not shrunk; it scrolls in its own labelled box.
    page.set_viewport_size({"width": 375, "height": 800})
    box = page.get_by_role("region", name="Alignment map picture (scrolls sideways)")
    expect(box).to_be_visible()
    assert box.get_attribute("tabindex") == "0"
    sizes = page.evaluate(
        """() => {
            const box = document.querySelector('.app-map__scroll');
            const svg = box.querySelector('svg');
            const text = svg.querySelector('.app-map-text');
            return {
                scroll: box.scrollWidth, client: box.clientWidth,
                drawn: svg.getBoundingClientRect().width, natural: +svg.getAttribute('width'),
                glyph: text.getBoundingClientRect().height,
                page: document.documentElement.scrollWidth,
            };
        }"""
    )
    assert sizes["scroll"] > sizes["client"]  # the box scrolls ...
    assert sizes["page"] <= 375  # ... the page does not
    assert sizes["drawn"] == pytest.approx(sizes["natural"], abs=1)  # full size
    assert sizes["glyph"] >= 12  # 14 px text stays readable
    expect(page.get_by_role("link", name="Read the map as a list")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The links to key questions: hidden at once by the box, the button not needed.
    layer = page.locator(".app-map-layer--key-links")
    expect(layer).to_be_visible()
    expect(page.get_by_role("button", name="Update the map")).to_be_hidden()
    # The address follows (history.replaceState), so a reload or a shared link keeps it.
    page.get_by_label("Hide the links to key questions").check()
    expect(layer).to_be_hidden()
    assert "key_links=hide" in page.url
    assert_accessible(page)
    page.get_by_label("Hide the links to key questions").uncheck()
    expect(layer).to_be_visible()
    assert "key_links" not in page.url
    assert_accessible(page)


def test_without_javascript_the_form_hides_the_links(browser, live_server, essex):
    client = Client()
    client.force_login(User.objects.get(email="coleader@demo.enquiry-networks.test"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(reverse("enquiries:project_map", args=[essex.pk]))
    expect(page.get_by_role("button", name="Update the map")).to_be_visible()
    page.get_by_label("Hide the links to key questions").check()
    page.get_by_role("button", name="Update the map").click()
    page.wait_for_url("**key_links=hide**")
    expect(page.locator(".app-map-layer--key-links")).to_be_hidden()
    context.close()


def test_the_matrix_names_its_key_questions(page: Page, live_server, essex):
    sign_in_quickly(page, User.objects.get(email="facilitator@demo.enquiry-networks.test"))
    visit(page, reverse("enquiries:initiative_detail", args=[essex.initiative_id]))
    check_widths(page)
    headings = page.locator("th.app-matrix__kq")
    assert headings.count() == 3
    first = headings.first.inner_text()
    assert first.startswith("Key question 1") and len(first) > 30
