"""A project's LA-to-LA facilitators: listing, assigning one from another LA
(enquiries:project_facilitators) and ending an assignment
(enquiries:project_facilitator_end)."""

import pytest
from django.urls import reverse

from enquiries.models import Facilitation
from networks.models import Role, RoleAssignment
from notifications.models import Notification
from tests.enquiries.factories import person
from tests.factories import LocalAuthorityFactory, facilitate
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:project_facilitators")


def end_url(assignment):
    return reverse("enquiries:project_facilitator_end", args=[assignment.project_id, assignment.pk])


def facilitating(project):
    return Facilitation.objects.current().filter(project=project)


def facilitation_y(world):
    return facilitating(world.project_y).get(user=world.officer_x_facilitating_y)


def test_it_is_offered_to_the_national_team_on_the_project_page(as_, world):
    assert (
        url(world.project_x)
        in as_("national").get(world.project_x.get_absolute_url()).content.decode()
    )
    # Co-leaders do not choose who reviews their own LA's questions.
    assert (
        url(world.project_x)
        not in as_("co_x").get(world.project_x.get_absolute_url()).content.decode()
    )


def test_it_lists_the_facilitators_and_offers_officers_of_other_las(as_, world):
    body = as_("national").get(url(world.project_y)).content.decode()
    assert "Officer X Facilitating Y" in body and end_url(facilitation_y(world)) in body
    assert "Officer of Essex" in body  # their LA, to tell people of the same name apart

    body = as_("national").get(url(world.project_x)).content.decode()
    assert "No LA-to-LA facilitator yet." in body
    assert '<optgroup label="Northamptonshire">' in body
    assert "Co Y (LA co-leader, Northamptonshire)" in body
    assert "Co X (" not in body  # Essex's own co-leader
    assert "Officer X Facilitating Y (" not in body  # an officer of Essex
    assert "Lead A (" not in body  # not an LA officer


def test_it_assigns_a_facilitator_and_tells_them(as_, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        response = as_("national").post(url(world.project_x), {"person": world.co_y.pk})
    assert response["Location"] == url(world.project_x)
    assignment = facilitating(world.project_x).get()
    assert assignment.user == world.co_y and assignment.granted_by == world.national
    notice = Notification.objects.get(
        recipient=world.co_y, event_key=f"facilitation:{assignment.pk}"
    )
    assert "Essex" in notice.subject and notice.url == world.project_x.get_absolute_url()
    # They now see the project and may review its questions.
    body = as_("co_y").get(world.project_x.get_absolute_url()).content.decode()
    # Shown with their LA: two facilitators may share a name.
    assert "Co Y (LA-to-LA facilitator, Northamptonshire)" in body


@pytest.mark.parametrize(
    "who, message",
    [
        (lambda w: "", "Choose the person to assign"),
        (lambda w: w.co_x.pk, "Choose one of the people listed"),  # Essex's own
        (lambda w: w.officer_x_facilitating_y.pk, "Choose one of the people listed"),
        (lambda w: w.lead_a.pk, "Choose one of the people listed"),  # not an LA officer
        (lambda w: "x", "Choose one of the people listed"),
    ],
)
def test_it_explains_bad_input_and_assigns_nobody(as_, world, who, message):
    response = as_("national").post(url(world.project_x), {"person": who(world)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert not facilitating(world.project_x).exists()


def test_it_does_not_offer_someone_already_facilitating(as_, world):
    body = as_("national").get(url(world.project_y)).content.decode()
    assert "Officer X Facilitating Y (" not in body


def test_it_forbids_a_reader_who_may_not_assign(as_, world):
    assert as_("co_x").get(url(world.project_x)).status_code == 403
    response = as_("co_x").post(url(world.project_x), {"person": world.co_y.pk})
    assert response.status_code == 403
    assert as_("officer_x_facilitating_y").get(url(world.project_y)).status_code == 403
    assert not facilitating(world.project_x).exists()


def test_it_hides_the_project_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.project_x)).status_code == 404
    response = as_("co_y").post(url(world.project_x), {"person": world.co_z.pk})
    assert response.status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.project_x))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("national").put(url(world.project_x)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_page_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    for i in range(n):
        la = LocalAuthorityFactory(code=f"{600 + i}", name=f"Grown LA {i:02d}")
        person(f"grown_officer_{i}", Role.LA_OFFICER, la=la)
        helper = person(f"grown_helper_{i}", Role.LA_COLEADER, la=la)
        facilitate(helper, project=world.project_x)
    as_("national")
    # session, user, scope (+ facilitations), project, the candidates, the facilitators, their
    # LAs, unread notifications.
    with django_assert_num_queries(9):
        response = client.get(url(world.project_x))
    body = response.content.decode()
    assert body.count("Grown Officer") == n  # candidates, one option each
    assert body.count(">Grown Helper") == n  # facilitating, so listed and not offered


# --- Ending an assignment ------------------------------------------------------


def test_it_asks_before_ending(as_, world):
    body = as_("national").get(end_url(facilitation_y(world))).content.decode()
    assert "End Officer X Facilitating Y's assignment as facilitator?" in body
    assert facilitating(world.project_y).exists()


def test_it_ends_the_assignment_and_keeps_it_on_record(as_, world):
    assignment = facilitation_y(world)
    response = as_("national").post(end_url(assignment))
    assert response["Location"] == url(world.project_y)
    assignment.refresh_from_db()
    assert assignment.ended_on is not None
    assert not facilitating(world.project_y).exists()
    # The person no longer sees a project of another LA.
    response = as_("officer_x_facilitating_y").get(world.project_y.get_absolute_url())
    assert response.status_code == 404


def test_it_says_when_the_assignment_has_already_ended(as_, client, world):
    assignment = facilitation_y(world)
    as_("national").post(end_url(assignment))
    response = client.post(end_url(assignment))
    assert response.status_code == 404  # no longer a current facilitation


def test_it_finds_no_assignment_of_another_project_or_role(as_, client, world):
    other = reverse(
        "enquiries:project_facilitator_end", args=[world.project_x.pk, facilitation_y(world).pk]
    )
    assert as_("national").post(other).status_code == 404
    coleader_role = RoleAssignment.objects.get(user=world.co_y, role=Role.LA_COLEADER)
    not_facilitation = reverse(
        "enquiries:project_facilitator_end", args=[world.project_y.pk, coleader_role.pk]
    )
    assert client.post(not_facilitation).status_code == 404
    assert facilitating(world.project_y).exists()


def test_it_forbids_ending_to_those_who_may_not_assign(as_, world):
    assert as_("co_y").get(end_url(facilitation_y(world))).status_code == 403
    assert as_("co_y").post(end_url(facilitation_y(world))).status_code == 403
    assert as_("co_x").post(end_url(facilitation_y(world))).status_code == 404
    assert facilitating(world.project_y).exists()


def test_it_refuses_delete_on_ending(as_, world):
    assert as_("national").delete(end_url(facilitation_y(world))).status_code == 405
