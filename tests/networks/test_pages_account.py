"""A person's own account: details, roles, facilitations, changing details and
password (networks:account, networks:account_edit, networks:password_change)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from enquiries import services as enquiry_services
from networks.models import AuditEntry, Role, User
from tests.conftest import PASSWORD
from tests.factories import InitiativeFactory, UserFactory, facilitate, grant

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("networks:account")
EDIT = reverse("networks:account_edit")
PASSWORD_URL = reverse("networks:password_change")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_it_shows_details_roles_and_facilitations(client, coleader, la, cluster):
    grant(coleader, Role.CLUSTER_MEMBER, cluster=cluster)
    initiative = InitiativeFactory(name="The learning project")
    facilitate(coleader, initiative=initiative)
    body = signed_in(client, coleader).get(ACCOUNT).content.decode()
    assert "Co Leader" in body and "coleader@example.org" in body
    assert "LA co-leader" in body and la.get_absolute_url() in body
    assert "Cluster member" in body and cluster.get_absolute_url() in body
    assert "What you facilitate" in body and initiative.get_absolute_url() in body


def test_it_says_when_there_are_no_roles(client, db):
    body = signed_in(client, UserFactory()).get(ACCOUNT).content.decode()
    assert "You hold no role yet" in body and "What you facilitate" not in body


def test_it_changes_ones_details(client, coleader):
    response = signed_in(client, coleader).post(
        EDIT, {"name": "Colin  Leader", "organisation": "Essex CC", "job_title": "Adviser"}
    )
    assert response["Location"] == ACCOUNT
    coleader.refresh_from_db()
    assert (coleader.name, coleader.organisation, coleader.job_title) == (
        "Colin Leader",
        "Essex CC",
        "Adviser",
    )
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.account.changed"
    assert entry.changes["name"] == ["Co Leader", "Colin Leader"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": ""}, "Enter your full name"),
        ({"name": "Bad\x07Name"}, "control characters"),
        ({"name": "OK", "organisation": "Line\nbreak"}, "control characters"),
    ],
)
def test_it_refuses_bad_details_and_changes_nothing(client, coleader, data, message):
    response = signed_in(client, coleader).post(EDIT, data)
    assert response.status_code == 200 and message in response.content.decode()
    coleader.refresh_from_db()
    assert coleader.name == "Co Leader" and not AuditEntry.objects.exists()


def test_it_changes_the_password_and_stays_signed_in(client, coleader):
    c = signed_in(client, coleader)
    new = "three unrelated words here"
    response = c.post(
        PASSWORD_URL,
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == ACCOUNT
    assert User.objects.get(pk=coleader.pk).check_password(new)
    assert client.session[SESSION_KEY] == str(coleader.pk)
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.account.password_changed" and entry.changes == {}


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {
                "old_password": "wrong",
                "new_password1": "a b c d e f g",
                "new_password2": "a b c d e f g",
            },
            "Your current password is not right",
        ),
        (
            {
                "old_password": PASSWORD,
                "new_password1": "one long phrase",
                "new_password2": "another one",
            },
            "The two new passwords are not the same",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
            "too short",
        ),
    ],
)
def test_it_refuses_a_bad_password_change(client, coleader, data, message):
    response = signed_in(client, coleader).post(PASSWORD_URL, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert User.objects.get(pk=coleader.pk).check_password(PASSWORD)
    assert not AuditEntry.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    for address in (ACCOUNT, EDIT, PASSWORD_URL):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_other_methods(client, coleader):
    c = signed_in(client, coleader)
    assert c.post(ACCOUNT).status_code == 405
    assert c.put(EDIT).status_code == 405
    assert c.put(PASSWORD_URL).status_code == 405


def test_the_header_links_to_the_account_and_signs_out(client, coleader):
    body = signed_in(client, coleader).get(reverse("home")).content.decode()
    header = body[body.index("<header") : body.index("</header>")]
    assert ACCOUNT in header
    assert f'action="{reverse("sign_out")}"' in header and "Sign out" in header


def test_it_shows_a_project_facilitators_project(client, la, other_la):
    national = UserFactory(is_staff=True)
    initiative = enquiry_services.initiative_create(
        actor=national, name="LEArning", las=[la, other_la]
    )
    project = enquiry_services.project_create(
        actor=national, initiative=initiative, la=la, title="Essex project", development_focus="x"
    )
    officer = UserFactory()
    grant(officer, Role.LA_OFFICER, la=other_la)
    facilitate(officer, project=project)
    body = signed_in(client, officer).get(ACCOUNT).content.decode()
    assert "LA-to-LA facilitator of" in body and project.get_absolute_url() in body
