"""Signing in and out, sign-in throttling, and resetting a password."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

SIGN_IN = reverse("sign_in")


@pytest.fixture
def person(db):
    return UserFactory(email="head@example.org", name="A Head")


def sign_in(client, email, password):
    return client.post(SIGN_IN, {"username": email, "password": password})


# --- Sign in -------------------------------------------------------------------------------
def test_it_renders_the_sign_in_page(client, db):
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in html
    assert 'type="email"' in html
    assert "govuk-error-summary" not in html
    # One form: the crispy helper leaves the <form> tag to the template.
    assert html.count("<form") == 1
    assert reverse("password_reset") in html


def test_it_signs_in_with_the_right_password(client, person):
    response = sign_in(client, "head@example.org", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session[SESSION_KEY] == str(person.pk)


def test_it_ignores_the_case_of_the_email_address(client, person):
    response = sign_in(client, "Head@Example.ORG", PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)


def test_it_follows_next_after_sign_in(client, person):
    response = client.post(
        f"{SIGN_IN}?next=/accounts/invitations/",
        {"username": "head@example.org", "password": PASSWORD},
    )

    assert response.url == "/accounts/invitations/"


def test_it_shows_an_error_summary_for_a_wrong_password(client, person):
    response = sign_in(client, "head@example.org", "not the password at all")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert 'href="#id_username">Enter a correct email address and password</a>' in html
    assert "<title>Error: Sign in" in html


def test_it_links_each_missing_field_from_the_error_summary(client, db):
    response = sign_in(client, "", "")

    html = response.content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    # crispy-forms-gds leaves email and password inputs unmarked; our field.html adds it.
    assert re.search(r'<input type="email"[^>]*class="govuk-input govuk-input--error"', html)
    assert re.search(r'<input type="password"[^>]*class="govuk-input govuk-input--error"', html)


def test_it_refuses_a_closed_account(client, person):
    person.is_active = False
    person.save()

    response = sign_in(client, "head@example.org", PASSWORD)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_it_sends_a_signed_in_visitor_home(client, person):
    client.force_login(person)

    response = client.get(SIGN_IN)

    assert response.status_code == 302
    assert response.url == reverse("home")


# --- Sign out ------------------------------------------------------------------------------
def test_it_signs_out_on_post(client, person):
    client.force_login(person)

    response = client.post(reverse("sign_out"))

    assert response.status_code == 302
    assert response.url == reverse("signed_out")
    assert SESSION_KEY not in client.session


def test_it_says_you_have_signed_out(client, person):
    client.force_login(person)

    response = client.post(reverse("sign_out"), follow=True)

    body = response.content.decode()
    assert "You have signed out" in body
    assert reverse("sign_in") in body
    assert 'action="/accounts/sign-out/"' not in body  # no sign-out button once out


def test_it_does_not_sign_out_on_get(client, person):
    client.force_login(person)

    response = client.get(reverse("sign_out"))

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(person.pk)


# --- Throttling ----------------------------------------------------------------------------
def test_it_locks_an_account_after_five_failures_even_for_the_right_password(client, person):
    statuses = [sign_in(client, "head@example.org", "wrong password").status_code for _ in range(5)]
    # Axes locks as the fifth failure is recorded, so that answer is already the lockout.
    assert statuses == [200, 200, 200, 200, 429]

    response = sign_in(client, "head@example.org", PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert "Sign-in paused for this account" in html
    assert "60 minutes" in html


def test_it_does_not_lock_out_the_same_account_from_another_address(client, person):
    for _ in range(5):
        sign_in(client, "head@example.org", "wrong password here")

    response = client.post(
        SIGN_IN,
        {"username": "head@example.org", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )

    assert response.status_code == 302


def test_it_clears_failures_after_a_successful_sign_in(client, person):
    for _ in range(4):
        sign_in(client, "head@example.org", "wrong password here")
    assert sign_in(client, "head@example.org", PASSWORD).status_code == 302
    client.post(reverse("sign_out"))

    for _ in range(4):
        sign_in(client, "head@example.org", "wrong password here")

    assert sign_in(client, "head@example.org", PASSWORD).status_code == 302


# --- Password reset ------------------------------------------------------------------------
def test_it_renders_the_password_reset_page(client, db):
    response = client.get(reverse("password_reset"))

    assert response.status_code == 200
    assert "Reset your password" in response.content.decode()


def test_it_emails_a_reset_link_on_commit_and_the_link_works(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("password_reset"), {"email": "head@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    # Queued for commit, not sent inside the request's transaction.
    assert len(callbacks) == 1
    assert mailoutbox == []

    callbacks[0]()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["head@example.org"]
    assert email.subject == "Reset your Enquiry Networks password"
    assert email.from_email == "Enquiry Networks <no-reply@enquiry-networks.test>"
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", email.body).group(1)

    response = client.get(link)
    assert response.status_code == 302  # Django moves the token into the session
    set_password_url = response.url
    assert "Choose a new password" in client.get(set_password_url).content.decode()

    new_password = "a brand new long passphrase"
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(new_password)
    # Single use: the same link now says it has expired.
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_it_sends_nothing_for_an_unknown_address_but_says_the_same(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_it_refuses_a_weak_new_password(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "head@example.org"})
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", mailoutbox[0].body)
    set_password_url = client.get(link.group(1)).url

    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "This password is too short" in html
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_it_shows_an_error_for_a_bad_reset_link(client, person):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    )

    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()
