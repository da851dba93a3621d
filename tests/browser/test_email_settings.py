"""A person turns comment emails into a daily digest and stops alignment emails."""

from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import NotificationPreference
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.factories import UserFactory


def test_it_lets_a_person_choose_how_they_are_emailed(page):
    person = UserFactory(email="lead@example.org", name="Lena Lead")
    sign_in_quickly(page, person)

    visit(page, reverse("notifications:list"))
    follow(page, page.get_by_role("link", name="Email settings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Email settings")

    comments = page.get_by_role("group", name="Comments")
    comments.get_by_label("Daily digest").check()
    page.get_by_role("group", name="Alignment").get_by_label("Off").check()
    follow(page, page.get_by_role("button", name="Save email settings"))

    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    saved = dict(
        NotificationPreference.objects.filter(user=person).values_list("category", "delivery")
    )
    assert saved["comment"] == "daily" and saved["alignment"] == "off"
    # The form shows what was saved when the person comes back.
    visit(page, reverse("notifications:settings"))
    expect(page.get_by_role("group", name="Comments").get_by_label("Daily digest")).to_be_checked()
