"""Sign-in page: renders, passes axe, and explains a wrong password."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, visit
from tests.conftest import PASSWORD
from tests.factories import UserFactory


def test_it_renders_the_sign_in_page(page):
    visit(page, reverse("sign_in"))

    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert page.title().startswith("Sign in")


def test_it_shows_an_error_summary_for_a_wrong_password(page):
    UserFactory(email="coleader@example.org")

    sign_in(page, "coleader@example.org", "not the password at all")

    summary = page.locator(".govuk-error-summary")
    # GOV.UK Frontend's JavaScript moves focus to the summary: proof the scripts ran.
    expect(summary).to_be_focused()
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.title().startswith("Error:")
    assert page.url.endswith(reverse("sign_in"))


def test_it_signs_in_with_the_right_password(page):
    UserFactory(email="coleader@example.org")

    sign_in(page, "coleader@example.org", PASSWORD)

    assert page.get_by_role("heading", level=1).inner_text() == "My work"
    assert page.get_by_role("button", name="Sign out").is_visible()
