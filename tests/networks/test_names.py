"""Names that cannot break emails or pages: control characters refused, bidi isolated."""

import re
import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks import services
from networks.models import Cluster, Invitation, Role, School, User
from networks.tasks import send_outbox_email
from networks.text import CONTROL_CHARACTERS, isolate_bidi, single_line
from tests.factories import UserFactory, grant

CREATE = reverse("invitation_create")
LIST = reverse("invitation_list")
MESSAGE = "Names cannot contain line breaks or other control characters"
RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"


LINK = re.compile(r"https?://[^/\s]+/accounts/invitations/([\w-]+)/")


def invite(inviter, cluster, **kwargs):
    """Invite through the service and send its email as the on-commit task would;
    returns (invitation, the raw token from the email's link)."""
    kwargs.setdefault("email", "new.person@example.org")
    kwargs.setdefault("name", "New Person")
    invitation = services.invitation_create(
        inviter=inviter,
        role=Role.CLUSTER_LEAD,
        cluster=cluster,
        **kwargs,
    )
    send_outbox_email(invitation.emails.get().pk)
    return invitation, LINK.search(mail.outbox[-1].body).group(1)


# --- The rules ----------------------------------------------------------------------------------
def test_control_characters_are_category_cc_and_the_line_separators():
    refused = {chr(n) for n in range(0x110000) if CONTROL_CHARACTERS.match(chr(n))}

    expected = {chr(n) for n in range(0x110000) if unicodedata.category(chr(n)) == "Cc"}
    assert refused == expected | {"\u2028", "\u2029"}


@pytest.mark.parametrize(
    "text",
    ["Ada Lovelace", "نور الهدى", "Mark\u200eed \u200fmarks", "", "\u061cArabic letter mark"],
)
def test_isolate_bidi_leaves_text_without_bidi_controls_alone(text):
    assert isolate_bidi(text) == text


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        (f"Evil{RLO}gpj.exe", f"{FSI}Evil{RLO}gpj.exe{PDI}"),
        ("\u202aembedded", f"{FSI}\u202aembedded{PDI}"),
        # A stray PDI would close our isolate early: it is dropped.
        (f"{PDI}{RLO}escape", f"{FSI}{RLO}escape{PDI}"),
        # An isolate left open would take our PDI: it is closed first.
        ("\u2067open", f"{FSI}\u2067open{PDI}{PDI}"),
        (f"\u2066a{PDI}b", f"{FSI}\u2066a{PDI}b{PDI}"),
    ],
)
def test_isolate_bidi_wraps_text_with_bidi_controls_in_a_balanced_isolate(text, isolated):
    assert isolate_bidi(text) == isolated


def test_single_line_collapses_line_breaks_and_control_characters():
    assert single_line("  Evil\r\nBcc: x@example.org\x00\t\u2028 has  invited you\n") == (
        "Evil Bcc: x@example.org has invited you"
    )


def test_a_person_shows_isolated_wherever_they_are_named(db):
    person = UserFactory(email="mallory@example.org", name=f"Mal{RLO}lory Smith")

    assert str(person) == f"{FSI}Mal{RLO}lory Smith{PDI}"
    assert person.get_short_name() == f"{FSI}Mal{RLO}lory{PDI}"
    assert str(UserFactory(email="plain@example.org", name="Ada Lovelace")) == "Ada Lovelace"


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (User, "name"),
        (User, "organisation"),
        (User, "job_title"),
        (Invitation, "name"),
        (Cluster, "name"),
        (School, "name"),
    ],
)
@pytest.mark.parametrize("value", ["Evil\r\nBcc: x@example.org", "Nul\x00l", "Line\u2028break"])
def test_the_model_refuses_control_characters_in_names(model, field, value):
    # The admin's forms and any ModelForm run these validators.
    with pytest.raises(ValidationError) as raised:
        model._meta.get_field(field).clean(value, None)

    assert raised.value.messages == [MESSAGE]


# --- The invitation forms -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Evil\r\nBcc: x@example.org", "Nul\x00l Person"])
def test_the_invite_form_refuses_a_name_with_control_characters(
    client, coleader, cluster, mailoutbox, django_capture_on_commit_callbacks, name
):
    client.force_login(coleader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CREATE,
            {"name": name, "email": "a@example.org", "role": "cluster_lead", "cluster": cluster.pk},
        )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["Evil\r\nBcc: x@example.org", "Nul\x00l Person"])
def test_the_accept_form_refuses_a_name_with_control_characters(client, coleader, cluster, name):
    invitation, token = invite(coleader, cluster)

    response = client.post(
        reverse("invitation_accept", args=[token]),
        {"name": name, "password": "marmalade kettle lighthouse"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# --- Pages and emails ---------------------------------------------------------------------------
@pytest.fixture
def mallory(la):
    """A co-leader whose name reverses what follows it, unless isolated."""
    user = UserFactory(
        email="mallory@example.org", name=f"Mallory {RLO}rekcah", organisation=f"{RLO}EMCA"
    )
    grant(user, Role.LA_COLEADER, la=la)
    return user


def test_an_inviters_bidi_override_is_isolated_on_the_accept_page(client, mallory, cluster):
    _, token = invite(mallory, cluster)

    response = client.get(reverse("invitation_accept", args=[token]))

    html = response.content.decode()
    assert f"{FSI}Mallory {RLO}rekcah{PDI} has invited you to be" in html
    assert f"Mallory {RLO}rekcah has" not in html


def test_an_invitees_bidi_override_is_isolated_in_the_list(client, coleader, cluster):
    invite(coleader, cluster, name=f"Eve {RLO}live")
    client.force_login(coleader)

    html = client.get(LIST).content.decode()

    assert f"{FSI}Eve {RLO}live{PDI}<br>" in html


def test_a_bidi_override_is_isolated_in_the_invitation_email(
    mallory, cluster, mailoutbox, django_capture_on_commit_callbacks
):
    invite(mallory, cluster, name=f"Eve {RLO}live")

    (email,) = mailoutbox
    assert email.subject == f"{FSI}Mallory {RLO}rekcah{PDI} has invited you to Enquiry Networks"
    assert email.body.startswith(f"Hello {FSI}Eve {RLO}live{PDI},\n")
    assert f"{FSI}Mallory {RLO}rekcah{PDI} ({FSI}{RLO}EMCA{PDI}) has invited you" in email.body


def test_an_old_name_with_a_line_break_still_sends_a_one_line_subject(
    coleader, cluster, mailoutbox, django_capture_on_commit_callbacks
):
    # Stored before names were checked: straight into the table, past the validators.
    # (Not NUL: PostgreSQL never stored that.)
    User.objects.filter(pk=coleader.pk).update(name="Evil\r\nBcc:\tx@example.org\x1b")
    coleader.refresh_from_db()

    invitation, token = invite(coleader, cluster)

    (email,) = mailoutbox
    assert email.subject == "Evil Bcc: x@example.org has invited you to Enquiry Networks"
    message = email.message()  # what the worker hands to SMTP: no BadHeaderError
    assert message["Bcc"] is None
    assert email.recipients() == ["new.person@example.org"]
    assert re.search(rf"/accounts/invitations/{token}/", email.body)


def test_the_password_reset_email_isolates_the_name(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="mallory@example.org", name=f"Mal{RLO}lory Smith")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "mallory@example.org"})

    (email,) = mailoutbox
    assert email.body.startswith(f"Hello {FSI}Mal{RLO}lory{PDI},\n")
