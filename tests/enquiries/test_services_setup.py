"""The services behind the set-up pages: project dates, a cluster's focus, and
LA-to-LA facilitators (assigning, refusing, ending, telling the person)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from enquiries import services
from enquiries.models import ClusterParticipation, Facilitation, Project
from enquiries.reach import reach_of
from enquiries.services import EnquiryError
from networks.models import Role
from notifications.models import Notification
from tests.factories import LocalAuthorityFactory, grant

pytestmark = pytest.mark.django_db


def facilitating(project):
    return Facilitation.objects.current().filter(project=project)


# --- project_create ----------------------------------------------------------


def test_it_refuses_a_project_that_ends_before_it_starts(world):
    la = LocalAuthorityFactory(code="935", name="Suffolk")
    world.initiative.participating_las.add(la)
    with pytest.raises(EnquiryError, match="cannot end before it starts"):
        services.project_create(
            actor=world.person("national"),
            initiative=world.initiative,
            la=la,
            title="Suffolk",
            development_focus="Doing",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2025, 1, 1),
        )
    assert not Project.objects.filter(la=la).exists()


# --- cluster_participation_update --------------------------------------------


def test_it_changes_a_clusters_focus(world):
    services.cluster_participation_update(
        actor=world.person("co_x"),
        cluster_participation=world.part_a,
        ecm_outcomes=["stay_safe", "stay_safe", "be_healthy"],
        networking_kinds=["cross_phase"],
    )
    participation = ClusterParticipation.objects.get(pk=world.part_a.pk)
    assert participation.ecm_outcomes == ["stay_safe", "be_healthy"]
    assert participation.networking_kinds == ["cross_phase"]


def test_it_refuses_an_unknown_outcome(world):
    with pytest.raises(EnquiryError, match="Unknown ECM outcome: be_rich"):
        services.cluster_participation_update(
            actor=world.person("co_x"), cluster_participation=world.part_a, ecm_outcomes=["be_rich"]
        )


def test_it_leaves_the_focus_to_the_project_managers(world):
    with pytest.raises(PermissionDenied):
        services.cluster_participation_update(
            actor=world.person("lead_a"), cluster_participation=world.part_a
        )


# --- project_assign_facilitator ----------------------------------------------


def test_it_assigns_an_officer_of_another_la(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assignment = services.project_assign_facilitator(
            project=world.project_x, user=world.person("co_y"), actor=world.person("national")
        )
    assert assignment.kind == Facilitation.Kind.PROJECT and assignment.project == world.project_x
    assert assignment.granted_by == world.national and assignment.ended_on is None
    notice = Notification.objects.get(recipient=world.co_y)
    assert notice.category == Notification.Category.ACCOUNT
    assert notice.subject == "You are now an LA-to-LA facilitator of Essex's project"
    assert len(callbacks) == 1  # the email, after commit
    co_y = world.person("co_y")
    assert world.project_x.pk in reach_of(co_y).facilitated_project_ids


def test_it_lets_staff_assign(world):
    services.project_assign_facilitator(
        project=world.project_x, user=world.person("co_z"), actor=world.person("staff")
    )
    assert facilitating(world.project_x).count() == 1


@pytest.mark.parametrize("actor", ["co_x", "kq_facilitator", "officer_x_facilitating_y", "lead_a"])
def test_it_leaves_assigning_to_the_national_team_and_staff(world, actor):
    with pytest.raises(PermissionDenied):
        services.project_assign_facilitator(
            project=world.project_x, user=world.person("co_y"), actor=world.person(actor)
        )
    assert not facilitating(world.project_x).exists()


def test_it_refuses_an_officer_of_the_projects_own_la(world):
    # Officer X is an LA officer of Essex, even though they facilitate Y already.
    with pytest.raises(EnquiryError, match="is an officer of Essex"):
        services.project_assign_facilitator(
            project=world.project_x,
            user=world.person("officer_x_facilitating_y"),
            actor=world.person("national"),
        )


def test_it_refuses_someone_who_also_holds_a_role_in_the_projects_la(world):
    grant(world.person("co_y"), Role.LA_OFFICER, la=world.la_x)
    with pytest.raises(EnquiryError, match="is an officer of Essex"):
        services.project_assign_facilitator(
            project=world.project_x, user=world.person("co_y"), actor=world.person("national")
        )


def test_it_refuses_someone_who_is_no_las_officer(world):
    with pytest.raises(EnquiryError, match="not an LA co-leader or LA officer in another LA"):
        services.project_assign_facilitator(
            project=world.project_x, user=world.person("lead_b"), actor=world.person("national")
        )


def test_it_refuses_a_duplicate(world):
    services.project_assign_facilitator(
        project=world.project_y, user=world.person("co_z"), actor=world.person("national")
    )
    with pytest.raises(EnquiryError, match="already facilitates this project"):
        services.project_assign_facilitator(
            project=world.project_y, user=world.person("co_z"), actor=world.person("national")
        )
    assert facilitating(world.project_y).filter(user=world.co_z).count() == 1


def test_it_refuses_a_closed_account(world):
    co_y = world.person("co_y")
    co_y.is_active = False
    co_y.save()
    with pytest.raises(EnquiryError, match="no longer has an account"):
        services.project_assign_facilitator(
            project=world.project_x, user=co_y, actor=world.person("national")
        )


# --- facilitation_end ------------------------------------------------


def test_it_ends_an_assignment_and_tells_the_person(world):
    assignment = facilitating(world.project_y).get()
    services.facilitation_end(facilitation=assignment, actor=world.person("national"))
    assert assignment.ended_on is not None
    assert not facilitating(world.project_y).exists()
    notice = Notification.objects.get(
        recipient=world.officer_x_facilitating_y, event_key=f"facilitation:{assignment.pk}:ended"
    )
    assert "has ended" in notice.subject


def test_it_says_when_it_has_already_ended(world):
    assignment = facilitating(world.project_y).get()
    services.facilitation_end(facilitation=assignment, actor=world.person("national"))
    with pytest.raises(EnquiryError, match="no longer facilitates"):
        services.facilitation_end(facilitation=assignment, actor=world.person("national"))


def test_it_leaves_ending_to_the_national_team_and_staff(world):
    assignment = facilitating(world.project_y).get()
    with pytest.raises(PermissionDenied):
        services.facilitation_end(facilitation=assignment, actor=world.person("co_y"))
    assert facilitating(world.project_y).exists()
