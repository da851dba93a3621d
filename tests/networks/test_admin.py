"""The Django admin for the networks models: every changelist loads for a superuser in
the same number of queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks import services
from networks.models import Role, User
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

CHANGELISTS = [
    "admin:networks_localauthority_changelist",
    "admin:networks_school_changelist",
    "admin:networks_cluster_changelist",
    "admin:networks_user_changelist",
    "admin:networks_roleassignment_changelist",
    "admin:networks_invitation_changelist",
    "admin:networks_outboxemail_changelist",
]


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.org", name="Admin", is_staff=True, is_superuser=True)


def add_rows(n: int, inviter) -> None:
    """n of everything, each row with its own related objects to tempt an N+1."""
    for _ in range(n):
        la = LocalAuthorityFactory()
        membership = MembershipFactory(cluster=ClusterFactory(host_la=la))
        person = UserFactory()
        grant(person, Role.CLUSTER_LEAD, cluster=membership.cluster, granted_by=inviter)
        grant(person, Role.SCHOOL_CONTACT, school=membership.school)
        services.invitation_create(
            inviter=inviter, email=f"{person.email}.new", name="N", role=Role.LA_OFFICER, la=la
        )


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_loads_each_changelist_in_a_bounded_number_of_queries(client, superuser, name):
    client.force_login(superuser)
    add_rows(1, superuser)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(reverse(name)).status_code == 200

    add_rows(9, superuser)
    with CaptureQueriesContext(connection) as ten_rows:
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(ten_rows) == len(one_row), "\n".join(q["sql"] for q in ten_rows.captured_queries)
    assert len(ten_rows) <= 12


@pytest.mark.parametrize("name", CHANGELISTS)
def test_it_refuses_the_changelists_to_people_who_are_not_staff(client, coleader, name):
    client.force_login(coleader)

    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_searches_schools_by_name_or_exact_urn(client, superuser, la):
    client.force_login(superuser)
    SchoolFactory(la=la, name="Harlow Primary", urn=115000)
    SchoolFactory(la=la, name="Epping Infants", urn=1150001)
    url = reverse("admin:networks_school_changelist")

    by_urn = client.get(url, {"q": "115000"}).context["cl"].result_list
    by_name = client.get(url, {"q": "harlow"}).context["cl"].result_list

    assert [s.name for s in by_urn] == ["Harlow Primary"]
    assert [s.name for s in by_name] == ["Harlow Primary"]


def test_it_filters_schools_by_status_and_phase(client, superuser, la):
    client.force_login(superuser)
    SchoolFactory(la=la, name="Open Primary", status="open", phase="primary")
    SchoolFactory(la=la, name="Closed Primary", status="closed", phase="primary")

    response = client.get(
        reverse("admin:networks_school_changelist"), {"status__exact": "open", "phase": "primary"}
    )

    assert [s.name for s in response.context["cl"].result_list] == ["Open Primary"]


def test_it_edits_a_cluster_with_its_memberships(client, superuser, cluster):
    client.force_login(superuser)

    response = client.get(reverse("admin:networks_cluster_change", args=[cluster.pk]))

    assert response.status_code == 200
    assert "memberships-TOTAL_FORMS" in response.content.decode()


def test_it_shows_a_person_with_their_roles(client, superuser, coleader):
    client.force_login(superuser)

    response = client.get(reverse("admin:networks_user_change", args=[coleader.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="name"' in html and 'name="organisation"' in html and 'name="job_title"' in html
    assert 'name="username"' not in html and 'name="first_name"' not in html
    assert "roles-TOTAL_FORMS" in html


def test_it_adds_a_person_with_a_lower_case_email(client, superuser):
    client.force_login(superuser)
    password = "marmalade kettle lighthouse"

    response = client.post(
        reverse("admin:networks_user_add"),
        {
            "email": "New.Person@Example.org",
            "name": "New Person",
            "usable_password": "true",
            "password1": password,
            "password2": password,
            # The roles inline shows on the add page too: an empty formset.
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    person = User.objects.get(email="new.person@example.org")
    assert person.check_password(password)


def test_it_refuses_a_second_account_for_the_same_email_in_another_case(client, superuser):
    client.force_login(superuser)
    UserFactory(email="taken@example.org")

    response = client.post(
        reverse("admin:networks_user_add"),
        {
            "email": "Taken@Example.org",
            "name": "Twin",
            "usable_password": "false",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors


def test_it_shows_an_invitation_with_its_token_hash_read_only(client, superuser, coleader, la):
    invitation = services.invitation_create(
        inviter=coleader, email="x@example.org", name="X", role=Role.LA_OFFICER, la=la
    )
    token = invitation.issue_token()  # as the email is built
    client.force_login(superuser)

    response = client.get(reverse("admin:networks_invitation_change", args=[invitation.pk]))

    html = response.content.decode()
    assert invitation.token_hash in html
    assert 'name="token_hash"' not in html
    assert token not in html


def test_it_offers_no_way_to_add_an_invitation(client, superuser):
    client.force_login(superuser)

    assert client.get(reverse("admin:networks_invitation_add")).status_code == 403


@pytest.mark.parametrize(
    "model", ["initiative", "project", "clusterparticipation", "enquiry", "alignmentreview"]
)
def test_the_enquiries_admin_lists_load_and_keep_the_audit_trail_read_only(client, db, model):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    assert client.get(f"/admin/enquiries/{model}/").status_code == 200
    if model in ("enquiry", "alignmentreview"):
        assert client.get(f"/admin/enquiries/{model}/add/").status_code == 403
