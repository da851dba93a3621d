"""Who sees what: the rules predicates and the access helpers (404 for outsiders,
403 for readers who may not write)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from enquiries import services
from enquiries.access import get_enquiry_for_user, get_project_for_user
from enquiries.models import Enquiry
from networks.models import Role, User
from tests.factories import ClusterFactory, LocalAuthorityFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def can(world, who, perm, question):
    return world.person(who).has_perm(f"enquiries.{perm}", world.enquiry(question))


# --- The cases the issue names --------------------------------------------------


def test_it_hides_another_las_cluster_question_from_a_cluster_lead(world):
    with pytest.raises(Http404):
        get_enquiry_for_user(world.person("lead_a"), world.q_b.pk)


def test_it_shows_a_cluster_lead_the_other_clusters_of_their_la_read_only(world):
    lead = world.person("lead_a")
    assert get_enquiry_for_user(lead, world.q_a2.pk) == world.q_a2
    with pytest.raises(PermissionDenied):
        get_enquiry_for_user(lead, world.q_a2.pk, action="edit")
    assert get_enquiry_for_user(lead, world.q_a.pk, action="edit") == world.q_a


def test_it_lets_an_la_to_la_facilitator_review_only_the_project_they_facilitate(world):
    officer = world.person("officer_x_facilitating_y")
    # Y's project: visible, reviewable, not writable.
    q_y = get_enquiry_for_user(officer, world.q_y.pk)
    assert officer.has_perm("enquiries.review_enquiry", q_y)
    assert officer.has_perm("enquiries.review_enquiry", get_enquiry_for_user(officer, world.q_b.pk))
    with pytest.raises(PermissionDenied):
        get_enquiry_for_user(officer, world.q_y.pk, action="edit")
    # Z's project: not theirs at all.
    with pytest.raises(Http404):
        get_enquiry_for_user(officer, world.q_z.pk)
    with pytest.raises(Http404):
        get_project_for_user(officer, world.project_z.pk)
    # X, their own LA: readable as an officer, but not theirs to review or write.
    q_x = get_enquiry_for_user(officer, world.q_x.pk)
    assert not officer.has_perm("enquiries.review_enquiry", q_x)
    with pytest.raises(PermissionDenied):
        get_enquiry_for_user(officer, world.q_x.pk, action="edit")


def test_it_shows_an_outsider_nothing(world):
    outsider = world.person("outsider")
    for question in ("kq1", "q_x", "q_a", "q_oak"):
        with pytest.raises(Http404):
            get_enquiry_for_user(outsider, getattr(world, question).pk)
    with pytest.raises(Http404):
        get_project_for_user(outsider, world.project_x.pk)


def test_it_answers_404_for_missing_and_malformed_ids(world):
    for pk in (999999, "abc", None):
        with pytest.raises(Http404):
            get_enquiry_for_user(world.person("staff"), pk)
        with pytest.raises(Http404):
            get_project_for_user(world.person("staff"), pk)


def test_it_shows_nothing_to_an_anonymous_visitor(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        get_enquiry_for_user(AnonymousUser(), world.kq1.pk)
    with pytest.raises(Http404):
        get_project_for_user(AnonymousUser(), world.project_x.pk)


# --- Reading -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "question", "visible"),
    [
        ("co_x", "kq1", True),
        ("lead_b", "kq1", True),
        ("school_contact", "kq2", True),
        ("kq_facilitator", "q_z", True),
        ("kq_facilitator", "q_oak", True),
        ("national", "q_b", True),
        ("staff", "q_b", True),
        ("outsider", "kq1", False),
        ("co_x", "q_y", False),
        ("co_y", "q_a", False),
        ("lead_b", "q_x", False),
        ("school_contact", "q_a", True),
        ("school_contact", "q_b", False),
    ],
)
def test_it_shows_each_question_to_the_people_in_its_part_of_the_network(
    world, who, question, visible
):
    assert can(world, who, "view_enquiry", question) is visible
    assert can(world, who, "comment_enquiry", question) is visible


def test_it_shows_a_cluster_from_another_la_its_project(world):
    kent = LocalAuthorityFactory(code="887", name="Medway")
    border = ClusterFactory(name="Border cluster", host_la=kent)
    lead = UserFactory()
    grant(lead, Role.CLUSTER_LEAD, cluster=border)
    participation = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=border
    )
    lead = User.objects.get(pk=lead.pk)
    question = services.enquiry_create(actor=lead, cluster_participation=participation, text="Q?")
    lead = User.objects.get(pk=lead.pk)
    assert get_enquiry_for_user(lead, question.pk, action="edit") == question
    assert get_enquiry_for_user(lead, world.q_x.pk) == world.q_x  # the question it answers to
    assert get_project_for_user(lead, world.project_x.pk) == world.project_x
    assert lead.has_perm("enquiries.view_enquiry", world.enquiry("kq1"))
    with pytest.raises(Http404):
        get_enquiry_for_user(lead, world.q_y.pk)


def test_it_lets_coleaders_manage_only_their_own_project(world):
    assert get_project_for_user(world.person("co_x"), world.project_x.pk, action="manage")
    assert get_project_for_user(world.person("lead_a"), world.project_x.pk)
    with pytest.raises(PermissionDenied):
        get_project_for_user(world.person("lead_a"), world.project_x.pk, action="manage")
    with pytest.raises(Http404):
        get_project_for_user(world.person("co_x"), world.project_y.pk)


def test_it_ends_access_when_a_role_ends(world):
    lead = world.person("lead_a")
    lead.roles.update(ended_on="2020-01-01")
    with pytest.raises(Http404):
        get_enquiry_for_user(world.person("lead_a"), world.q_a.pk)


# --- Writing and reviewing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "question", "edit", "review"),
    [
        ("lead_a", "q_a", True, False),
        ("co_x", "q_a", False, True),
        ("co_x", "q_x", True, False),
        ("co_x", "q_oak", False, True),
        ("school_contact", "q_oak", True, False),
        ("lead_a", "q_oak", True, False),
        ("national", "kq1", True, True),
        ("kq_facilitator", "kq1", True, False),
        ("kq_facilitator", "q_x", False, True),
        ("officer_x_facilitating_y", "q_y", False, True),
        ("officer_x_facilitating_y", "q_x", False, False),
        ("staff", "q_b", True, True),
    ],
)
def test_it_separates_writing_from_reviewing(world, who, question, edit, review):
    assert can(world, who, "edit_enquiry", question) is edit
    assert can(world, who, "review_enquiry", question) is review


def test_it_never_lets_a_cluster_lead_who_coleads_review_their_own_cluster(world):
    lead = world.person("lead_a")
    grant(lead, Role.LA_COLEADER, la=world.la_x)
    lead = world.person("lead_a")
    assert lead.has_perm("enquiries.review_enquiry", world.enquiry("q_a2"))
    assert not lead.has_perm("enquiries.review_enquiry", world.enquiry("q_a"))


def test_it_refuses_inactive_people(world):
    User.objects.filter(pk=world.staff.pk).update(is_active=False)
    assert not can(world, "staff", "view_enquiry", "q_a")
    assert not can(world, "staff", "edit_enquiry", "q_a")


# --- Cost --------------------------------------------------------------------------


def test_it_checks_without_queries_beyond_the_scope(world, django_assert_num_queries):
    lead = world.person("lead_a")
    q_a, q_b, q_x = world.enquiry("q_a"), world.enquiry("q_b"), world.enquiry("q_x")
    with django_assert_num_queries(2):  # the Scope: the person's current roles, facilitations
        lead.has_perm("enquiries.view_enquiry", q_a)
    # Once per person, for a project outside their LA: the projects their clusters joined.
    with django_assert_num_queries(1):
        lead.has_perm("enquiries.view_enquiry", q_b)
    with django_assert_num_queries(0):
        for enquiry in (q_a, q_b, q_x):
            for perm in ("view_enquiry", "edit_enquiry", "review_enquiry", "comment_enquiry"):
                lead.has_perm(f"enquiries.{perm}", enquiry)


def test_it_works_out_initiative_visibility_once_per_person(world, django_assert_num_queries):
    coleader = world.person("co_x")
    kq1, kq2 = world.enquiry("kq1"), world.enquiry("kq2")
    # The Scope (roles, facilitations), then the initiatives Essex takes part in.
    with django_assert_num_queries(3):
        assert coleader.has_perm("enquiries.view_enquiry", kq1)
    with django_assert_num_queries(0):
        assert coleader.has_perm("enquiries.view_enquiry", kq2)
        assert coleader.has_perm("enquiries.view_initiative", world.initiative)


def test_it_loads_an_enquiry_with_one_query(world, django_assert_num_queries):
    lead = world.person("lead_a")
    lead.has_perm("enquiries.view_enquiry", world.enquiry("q_a"))  # the Scope, cached
    with django_assert_num_queries(1):
        enquiry = get_enquiry_for_user(lead, world.q_oak.pk, action="edit")
        assert enquiry.label == "Oak Primary"
        assert enquiry.parent.current_revision.text
        assert enquiry.current_revision.author.name
        assert isinstance(enquiry, Enquiry)
