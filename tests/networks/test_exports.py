"""CSV exports of the register's list pages (networks/views/exports.py): parsed back,
scoped as their pages are, filtered as their pages are, formula cells neutralised
(school names from the register included), streamed in a fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.audit import audit
from networks.models import Invitation, Role, School
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)
from tests.networks.test_import_gias import run, school_row, write_csv

pytestmark = pytest.mark.django_db


def parse(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def column(rows, name) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def schools(la, cluster):
    SchoolFactory(la=la, name="Brook Infants", phase=School.Phase.PRIMARY, urn=100001)
    SchoolFactory(la=la, name="Brook High", phase=School.Phase.SECONDARY, urn=100002)
    SchoolFactory(la=la, name="Old Mill", status=School.Status.CLOSED, urn=100003)


def test_a_school_name_from_the_register_that_is_a_formula_is_neutralised(
    la, coleader, signed_in, tmp_path
):
    evil = '=HYPERLINK("http://evil.example","Click")'
    path = write_csv(
        tmp_path,
        [
            school_row(881001, EstablishmentName=evil),
            school_row(881002, EstablishmentName="@SUM(1+1)", Town="-Harlow"),
        ],
    )
    run(path)
    assert School.objects.get(urn=881001).name == evil  # stored as the register says

    client = signed_in(coleader)
    for name in ("networks:la_schools_csv", "networks:la_isolated_csv"):
        rows = parse(client.get(reverse(name, args=["881"])))
        names = column(rows, "School")
        assert f"'{evil}" in names and "'@SUM(1+1)" in names, name
        assert "'-Harlow" in column(rows, "Town")
        # A number stays a number (never neutralised): the URN column.
        assert "881001" in column(rows, "URN")


def test_the_schools_export_keeps_the_pages_filters_and_scope(
    la, other_la, coleader, schools, signed_in
):
    SchoolFactory(la=other_la, name="Corby Brook Primary")
    client = signed_in(coleader)
    url = reverse("networks:la_schools_csv", args=["881"])

    everything = parse(client.get(url))
    assert everything[0] == [
        "School",
        "URN",
        "Phase",
        "Status",
        "Pupils",
        "Town",
        "Postcode",
        "In a cluster",
    ]
    assert len(everything) == 1 + 4  # the cluster's member school and three more
    assert "Corby Brook Primary" not in column(everything, "School")
    assert column(parse(client.get(url, {"q": "brook", "phase": "secondary"})), "School") == [
        "Brook High"
    ]
    names, in_cluster = column(everything, "School"), column(everything, "In a cluster")
    by_name = dict(zip(names, in_cluster, strict=True))
    assert by_name["Brook High"] == "Isolated" and by_name["Old Mill"] == "No"
    assert list(by_name.values()).count("Yes") == 1
    # The page links to its export with the filters it shows.
    page = client.get(reverse("networks:la_schools", args=["881"]), {"q": "brook", "page": 1})
    assert f'href="{url}?q=brook" download' in page.content.decode()


def test_an_outsider_cannot_export_another_las_lists(outsider, la, schools, signed_in):
    client = signed_in(outsider)
    for name in ("la_schools_csv", "la_isolated_csv", "la_clusters_csv", "la_people_csv"):
        assert client.get(reverse(f"networks:{name}", args=["881"])).status_code == 404


def test_the_la_directory_export_lists_the_las_with_their_counts(
    la, other_la, coleader, schools, signed_in
):
    client = signed_in(coleader)
    rows = parse(client.get(reverse("networks:la_list_csv")))
    assert rows[0] == ["Local authority", "LA code", "Region", "Open schools", "Active clusters"]
    essex = next(row for row in rows if row[1] == "881")
    assert essex == ["Essex", "881", "East of England", "3", "1"]
    filtered = parse(client.get(reverse("networks:la_list_csv"), {"name": "Essex"}))
    assert column(filtered, "LA code") == ["881"]
    page = client.get(reverse("networks:la_list")).content.decode()
    assert f'href="{reverse("networks:la_list_csv")}" download' in page


def test_the_clusters_and_people_exports_match_the_la_page(la, cluster, coleader, signed_in):
    ClusterFactory(name="=Dissolved cluster", host_la=la, dissolved_on="2024-07-31")
    client = signed_in(coleader)
    clusters = parse(client.get(reverse("networks:la_clusters_csv", args=["881"])))
    assert column(clusters, "Cluster") == ["Harlow cluster", "'=Dissolved cluster"]
    assert column(clusters, "Current members") == ["1", "0"]
    assert column(clusters, "Lead school named") == ["Yes", "No"]
    assert column(clusters, "Dissolved") == ["", "2024-07-31"]

    people = parse(client.get(reverse("networks:la_people_csv", args=["881"])))
    assert people[0] == ["Name", "Role", "Where", "Organisation", "Since"]
    assert ["Co Leader", "Essex"] == [people[1][0], people[1][2]]
    assert "coleader@example.org" not in str(people)  # the page shows no emails either
    page = client.get(reverse("networks:la_detail", args=["881"])).content.decode()
    assert reverse("networks:la_clusters_csv", args=["881"]) in page
    assert reverse("networks:la_people_csv", args=["881"]) in page


def test_the_audit_export_is_the_trail_the_person_may_read(
    la, other_la, coleader, outsider, signed_in
):
    actor = UserFactory(name="Ann Editor")
    audit(actor, "enquiries.question.revised", la, {"text": ["Old?", "=New?"]}, la=la)
    audit(actor, "enquiries.project.created", other_la, {"title": "Corby"}, la=other_la)
    rows = parse(signed_in(coleader).get(reverse("networks:audit_log_csv")))
    assert rows[0] == ["When", "Who", "What", "Action code", "Object", "LA", "Details"]
    assert len(rows) == 2  # Essex's entry only
    assert column(rows, "What") == ["Question: revised"]
    assert column(rows, "Details") == ["text: Old? → =New?"]
    assert column(rows, "LA") == ["Essex"]
    assert signed_in(outsider).get(
        reverse("networks:audit_log_csv"), {"la": "881"}
    ).status_code == (404)
    nobody = UserFactory()
    assert signed_in(nobody).get(reverse("networks:audit_log_csv")).status_code == 403


def test_the_invitations_export_lists_only_the_persons_own(coleader, la, signed_in):
    other = UserFactory()
    soon = timezone.now() + dt.timedelta(days=7)
    mine = Invitation.objects.create(
        email="new@example.org",
        name="New Person",
        role=Role.LA_OFFICER,
        la=la,
        invited_by=coleader,
        expires_at=soon,
        token_hash="a" * 64,
    )
    Invitation.objects.create(
        email="theirs@example.org",
        name="Not Mine",
        role=Role.LA_OFFICER,
        la=la,
        invited_by=other,
        expires_at=soon,
        token_hash="b" * 64,
    )
    rows = parse(signed_in(coleader).get(reverse("invitation_list_csv")))
    assert column(rows, "Email") == [mine.email]
    assert column(rows, "Status") == ["Pending"]
    assert column(rows, "Where") == ["Essex"]


@pytest.mark.parametrize("n", [1, 30])
def test_the_exports_take_a_fixed_number_of_queries(
    la, coleader, signed_in, n, django_assert_max_num_queries
):
    grant(coleader, Role.LA_OFFICER, la=la)
    for i in range(n):
        cluster = ClusterFactory(name=f"Cluster {i:02d}", host_la=la)
        MembershipFactory(cluster=cluster, school=SchoolFactory(la=la), is_lead=True)
        SchoolFactory(la=la, name=f"Isolated {i:02d}")
        grant(UserFactory(), Role.CLUSTER_LEAD, cluster=cluster)
        audit(coleader, "networks.cluster.created", cluster, {}, la=la)
    client = signed_in(coleader)
    client.get(reverse("networks:la_list"))  # session and scope warmed
    for name, args in [
        ("networks:la_list_csv", []),
        ("networks:la_schools_csv", ["881"]),
        ("networks:la_isolated_csv", ["881"]),
        ("networks:la_clusters_csv", ["881"]),
        ("networks:la_people_csv", ["881"]),
        ("networks:audit_log_csv", []),
        ("invitation_list_csv", []),
    ]:
        # session, user, scope, the LA, then the rows (one query per chunk).
        with django_assert_max_num_queries(8):
            rows = parse(client.get(reverse(name, args=args)))
        assert len(rows) >= 1
