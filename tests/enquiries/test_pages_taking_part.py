"""A way in for every role: "My work" shows the projects and questions each person
takes part in and what they are the ones to write next; LA and cluster pages lead on
to their projects and questions; the review queue is offered to reviewers only."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import SchoolParticipation
from networks.models import Role
from tests.enquiries.factories import person, shared_world
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, user):
    client.force_login(user)
    return client


def body_of(client, user, url=HOME) -> str:
    return as_(client, user).get(url).content.decode()


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.LINK_ADVISER, Role.CLUSTER_MEMBER])
def test_people_supporting_a_cluster_see_its_projects_and_questions(client, world, role):
    supporter = person(f"supporter_{role}", role, cluster=world.cluster_a)
    body = body_of(client, supporter)
    assert "Your projects and questions" in body
    assert world.project_x.get_absolute_url() in body
    assert "Harlow cluster takes part" in body
    assert world.q_a.get_absolute_url() in body  # the cluster's question
    assert "No enquiry questions need you just now" not in body


def test_an_la_officer_sees_the_las_projects_and_its_question(client, world):
    officer = person("essex_officer", Role.LA_OFFICER, la=world.la_x)
    body = body_of(client, officer)
    assert world.project_x.get_absolute_url() in body and "Your LA&#x27;s project" in body
    assert world.q_x.get_absolute_url() in body


def test_an_la_to_la_facilitator_sees_the_project_they_facilitate(client, world):
    body = body_of(client, world.person("officer_x_facilitating_y"))
    assert world.project_y.get_absolute_url() in body and "You facilitate it" in body


def test_an_initiatives_facilitator_is_pointed_at_the_initiative(client, world):
    body = body_of(client, world.person("kq_facilitator"))
    assert "You facilitate" in body and world.initiative.get_absolute_url() in body


def test_a_school_contact_whose_school_just_joined_is_asked_to_write(client, world):
    school = SchoolFactory(name="Birch Primary", la=world.la_x)
    MembershipFactory(cluster=world.cluster_a, school=school)
    contact = person("birch_contact", Role.SCHOOL_CONTACT, school=school)
    assert "Write your school" not in body_of(client, contact)

    birch = services.school_join_cluster(
        actor=world.person("lead_a"), cluster_participation=world.part_a, school=school
    )
    body = body_of(client, contact)
    assert "Waiting on you" in body and "Write your school&#x27;s question" in body
    assert reverse("enquiries:school_enquiry_create", args=[birch.pk]) in body
    assert "Birch Primary takes part, in Harlow cluster&#x27;s work" in body
    # ... and the link opens the form for them.
    form = as_(client, contact).get(reverse("enquiries:school_enquiry_create", args=[birch.pk]))
    assert form.status_code == 200


def test_a_school_contact_waits_for_the_clusters_question_first(client, world):
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    school = SchoolFactory(name="Elm Primary", la=world.la_x)
    MembershipFactory(cluster=cluster, school=school)
    part = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )
    SchoolParticipation.objects.create(cluster_participation=part, school=school)
    contact = person("elm_contact", Role.SCHOOL_CONTACT, school=school)
    body = body_of(client, contact)
    assert "Write your school" not in body
    assert "the cluster&#x27;s question comes first" in body


def test_a_cluster_lead_is_asked_to_write_the_clusters_question(client, world):
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    part = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )
    lead = person("epping_lead", Role.CLUSTER_LEAD, cluster=cluster)
    body = body_of(client, lead)
    assert "Write Epping cluster&#x27;s enquiry question" in body
    assert reverse("enquiries:cluster_enquiry_create", args=[part.pk]) in body


def test_a_coleader_is_asked_for_a_missing_la_question(client, world):
    initiative = services.initiative_create(
        actor=world.person("national"), name="Second round", las=[world.la_x]
    )
    project = services.project_create(
        actor=world.person("co_x"),
        initiative=initiative,
        la=world.la_x,
        title="Essex second round",
        development_focus="More.",
    )
    body = body_of(client, world.person("co_x"))
    assert "Write the LA research question" in body
    assert reverse("enquiries:enquiry_create", args=[project.pk]) in body


def test_someone_in_no_project_is_shown_where_to_look(client, world):
    body = body_of(client, world.person("outsider"))
    assert "You take part in no LA project yet" in body


@pytest.mark.parametrize("rows", [1, 10])
def test_a_school_contacts_home_is_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    contact = person("many_schools", None)
    from tests.factories import grant

    for n in range(rows):
        school = SchoolFactory(la=world.la_x, name=f"Grown {n:02d} Primary")
        MembershipFactory(cluster=world.cluster_a, school=school)
        services.school_join_cluster(
            actor=world.person("lead_a"), cluster_participation=world.part_a, school=school
        )
        grant(contact, Role.SCHOOL_CONTACT, school=school)
    c = as_(client, contact)
    # session, user, scope (roles, facilitations); taking part: their schools'
    # participations, the questions of those; the register's panel: their roles, pending
    # invitations; enquiry work: their own questions; plan items they own due soon;
    # reflective logs: the projects they take part in, the entries they wrote this
    # period, the archive's newest additions; their meetings this week; notification count
    with django_assert_num_queries(15):
        body = c.get(HOME).content.decode()
    assert body.count("Write your school&#x27;s question") == rows


# --- Every page leads on ------------------------------------------------------------


def test_the_la_page_lists_its_projects(client, world):
    body = body_of(client, world.person("lead_a"), world.la_x.get_absolute_url())
    assert "Projects" in body and world.project_x.get_absolute_url() in body
    assert "How can clusters shape the county" in body  # its LA research question


def test_the_la_page_hides_projects_the_person_cannot_see(client, world):
    body = body_of(client, world.person("co_y"), world.la_y.get_absolute_url())
    assert world.project_y.get_absolute_url() in body
    assert world.project_x.get_absolute_url() not in body


def test_the_cluster_page_lists_its_participations_and_questions(client, world):
    body = body_of(client, world.person("co_x"), world.cluster_a.get_absolute_url())
    assert reverse("enquiries:participation_detail", args=[world.part_a.pk]) in body
    assert world.q_a.get_absolute_url() in body and world.q_oak.get_absolute_url() in body


def test_the_review_queue_link_is_for_reviewers_only(client, world):
    queue = reverse("enquiries:review_queue")
    assert queue in body_of(client, world.person("co_x"))
    assert queue in body_of(client, world.person("kq_facilitator"))
    assert queue in body_of(client, world.person("officer_x_facilitating_y"))
    assert queue in body_of(client, world.person("national"))
    assert queue not in body_of(client, world.person("school_contact"))
    supporter = person("consultant_only", Role.CONSULTANT, cluster=world.cluster_a)
    assert queue not in body_of(client, supporter)


def test_the_matrix_leads_from_an_la_to_its_project_and_on_to_the_map(client, world):
    body = body_of(client, world.person("national"), world.initiative.get_absolute_url())
    assert f'href="{world.project_x.get_absolute_url()}"' in body
    project_page = body_of(client, world.person("national"), world.project_x.get_absolute_url())
    assert reverse("enquiries:project_map", args=[world.project_x.pk]) in project_page


def test_adding_a_cluster_with_none_left_leads_to_setting_one_up(client, world):
    services.cluster_join_project(
        actor=world.person("co_x"),
        project=world.project_x,
        cluster=ClusterFactory(host_la=world.la_x),
    )
    from networks.models import Cluster

    for cluster in Cluster.objects.filter(host_la=world.la_x).exclude(
        participations__project=world.project_x
    ):
        services.cluster_join_project(
            actor=world.person("co_x"), project=world.project_x, cluster=cluster
        )
    body = body_of(
        client, world.person("co_x"), reverse("enquiries:cluster_join", args=[world.project_x.pk])
    )
    assert "is already in this project" in body
    assert f"{reverse('networks:cluster_create')}?la=881" in body


def _more_projects(world, n):
    """n more initiatives, each with an Essex project that Harlow's cluster works in."""
    co_x = world.person("co_x")
    for i in range(n):
        initiative = services.initiative_create(
            actor=world.person("national"), name=f"Round {i:02d}", las=[world.la_x]
        )
        project = services.project_create(
            actor=co_x,
            initiative=initiative,
            la=world.la_x,
            title=f"Essex round {i:02d}",
            development_focus="More.",
            question="What now?",
        )
        services.cluster_join_project(actor=co_x, project=project, cluster=world.cluster_a)


@pytest.mark.parametrize("rows", [1, 10])
def test_the_la_pages_projects_are_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    _more_projects(world, rows)
    c = as_(client, world.person("co_x"))
    # session, user, scope (+ facilitations), LA, coverage, first isolated schools, clusters
    # with member counts, people, notification count; its projects, their LA questions
    with django_assert_num_queries(12):
        body = c.get(world.la_x.get_absolute_url()).content.decode()
    assert body.count("Essex round") == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_the_cluster_pages_projects_are_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    _more_projects(world, rows)
    c = as_(client, world.person("co_x"))
    # session, user, scope (+ facilitations), cluster with host LA, memberships with schools,
    # people, notification count; its proposals; the projects it works in, their questions
    with django_assert_num_queries(11):
        body = c.get(world.cluster_a.get_absolute_url()).content.decode()
    assert body.count("Harlow cluster in Essex round") == rows


def test_the_national_team_is_pointed_at_every_initiative(client, world):
    body = body_of(client, world.person("national"))
    assert "You see every initiative and every LA project in it" in body
    assert "You take part in no LA project yet" not in body
