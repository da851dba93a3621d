"""An LA co-leader's invitation email was lost: they send it again from their list,
and the fresh link in the new email opens the invitation."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from networks import services
from networks.models import Role
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.factories import LocalAuthorityFactory, UserFactory, grant

LINK = re.compile(r"https?://[^/\s]+(/accounts/invitations/[\w-]+/)")


@pytest.fixture
def coleader(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    user = UserFactory(email="coleader@example.org", name="Co Leader")
    grant(user, Role.LA_COLEADER, la=essex)
    services.invitation_create(
        inviter=user, email="hazel@example.org", name="Hazel Head", role=Role.LA_OFFICER, la=essex
    )
    return user


@pytest.mark.parametrize("width", [1280, 320])
def test_it_sends_a_lost_invitation_again(page, coleader, width):
    page.set_viewport_size({"width": width, "height": 900})
    first_link = LINK.search(mail.outbox[-1].body).group(1)
    sign_in_quickly(page, coleader)

    visit(page, reverse("invitation_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations you have sent")
    # Nothing wider than the screen: the table scrolls in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    follow(page, page.get_by_role("button", name="Send again to hazel@example.org"))

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Invitation sent again to hazel@example.org"
    )
    assert len(mail.outbox) == 2
    fresh_link = LINK.search(mail.outbox[-1].body).group(1)
    assert fresh_link != first_link
    visit(page, fresh_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept your invitation")
