"""Enquiry questions: creation at each level, revisions, the review workflow, links and
alignment reviews. Permissions per role are in test_services_permissions.py."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from enquiries import services
from enquiries.models import (
    AlignmentRating,
    AlignmentReview,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    QuestionRevision,
)
from enquiries.services import EnquiryError
from networks.models import Role
from tests.factories import ClusterFactory, LocalAuthorityFactory, SchoolFactory, UserFactory, grant

Status = Enquiry.Status
Kind = EnquiryEvent.Kind


pytestmark = pytest.mark.django_db


def kinds(enquiry):
    return list(enquiry.events.order_by("pk").values_list("kind", flat=True))


# --- Creation ------------------------------------------------------------------


def test_it_creates_national_key_questions_numbered_and_agreed(world):
    kq1, kq2 = world.kq1, world.kq2
    assert (kq1.level, kq1.position, kq1.status) == ("national", 1, Status.AGREED)
    assert kq2.position == 2
    assert kq1.parent is None
    assert kq1.current_revision.number == 1
    assert kq1.current_revision.author == world.national
    assert kinds(kq1) == [Kind.CREATED]
    assert set(world.initiative.participating_las.all()) == {world.la_x, world.la_y, world.la_z}


def test_it_refuses_an_initiative_from_a_coleader(world):
    with pytest.raises(PermissionDenied):
        services.initiative_create(actor=world.person("co_x"), name="Another")


def test_it_refuses_a_duplicate_initiative_name(world):
    with pytest.raises(EnquiryError):
        services.initiative_create(actor=world.national, name="learning")


def test_it_adds_a_further_key_question_after_the_last(world):
    kq3 = services.enquiry_create(
        actor=world.person("kq_facilitator"), initiative=world.initiative, text="Which strategies?"
    )
    assert (kq3.level, kq3.position, kq3.status) == ("national", 3, Status.DRAFT)


def test_it_gives_the_la_question_no_home_parent(world):
    q_x = world.q_x
    assert (q_x.level, q_x.status, q_x.parent_id) == ("la", Status.DRAFT, None)
    assert q_x.project == world.project_x
    assert q_x.initiative == world.initiative
    assert q_x.current_revision.rationale == "First thoughts from the co-ordinating group."
    assert kinds(q_x) == [Kind.CREATED]


def test_it_hangs_cluster_and_school_questions_on_the_level_above(world):
    assert world.q_a.level == "cluster"
    assert world.q_a.parent == world.q_x
    assert world.q_a.project == world.project_x
    assert world.q_oak.level == "school"
    assert world.q_oak.parent == world.q_a
    assert world.q_oak.cluster_participation == world.part_a
    assert world.q_oak.current_revision.number == 1


def test_it_refuses_a_project_for_an_la_outside_the_initiative(world):
    with pytest.raises(EnquiryError, match="does not take part"):
        services.project_create(
            actor=world.person("outsider"),
            initiative=world.initiative,
            la=world.la_w,
            title="W",
            development_focus="Focus",
        )


def test_it_refuses_a_second_project_for_an_la(world):
    with pytest.raises(EnquiryError, match="already has a project"):
        services.project_create(
            actor=world.person("co_x"),
            initiative=world.initiative,
            la=world.la_x,
            title="Again",
            development_focus="Focus",
        )


def test_it_refuses_a_cluster_question_before_the_la_question(world):
    world.initiative.participating_las.add(world.la_w)
    outsider = world.person("outsider")
    project = services.project_create(
        actor=outsider, initiative=world.initiative, la=world.la_w, title="W", development_focus="F"
    )
    cluster = ClusterFactory(host_la=world.la_w)
    participation = services.cluster_join_project(actor=outsider, project=project, cluster=cluster)
    lead = UserFactory()
    grant(lead, Role.CLUSTER_LEAD, cluster=cluster)
    assert not project.enquiries.exists()
    with pytest.raises(EnquiryError, match="LA research question must be written"):
        services.enquiry_create(actor=lead, cluster_participation=participation, text="Q?")


def new_cluster_in_x(world):
    """A cluster that joins Essex's project but has no question yet, and its lead."""
    cluster = ClusterFactory(host_la=world.la_x)
    lead = UserFactory()
    grant(lead, Role.CLUSTER_LEAD, cluster=cluster)
    participation = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )
    return participation, lead


def test_it_refuses_a_school_question_before_the_cluster_question(world):
    participation, lead = new_cluster_in_x(world)
    school = SchoolFactory(la=world.la_x)
    participation.cluster.memberships.create(school=school)
    participation = services.school_join_cluster(
        actor=lead, cluster_participation=participation, school=school
    )
    with pytest.raises(EnquiryError, match="cluster's question must be written"):
        services.enquiry_create(actor=lead, school_participation=participation, text="Q?")


def test_it_refuses_a_second_question_for_the_same_owner(world):
    with pytest.raises(EnquiryError, match="already has"):
        services.enquiry_create(
            actor=world.person("lead_a"), cluster_participation=world.part_a, text="Another?"
        )


def test_it_refuses_a_blank_question(world):
    participation, lead = new_cluster_in_x(world)
    with pytest.raises(EnquiryError, match="Write the question"):
        services.enquiry_create(actor=lead, cluster_participation=participation, text="   ")


def test_it_refuses_unknown_ecm_outcomes(world):
    with pytest.raises(EnquiryError, match="Unknown ECM outcome"):
        services.cluster_join_project(
            actor=world.person("co_x"),
            project=world.project_x,
            cluster=ClusterFactory(host_la=world.la_x),
            ecm_outcomes=["be_wealthy"],
        )


def test_it_refuses_a_cluster_joining_twice(world):
    with pytest.raises(EnquiryError, match="already in this project"):
        services.cluster_join_project(
            actor=world.person("co_x"), project=world.project_x, cluster=world.cluster_a
        )


def test_it_refuses_a_school_that_is_not_in_the_cluster(world):
    with pytest.raises(EnquiryError, match="not a member"):
        services.school_join_cluster(
            actor=world.person("lead_a"),
            cluster_participation=world.part_a,
            school=SchoolFactory(la=world.la_x),
        )


# --- Revisions -----------------------------------------------------------------


def test_it_numbers_revisions_and_moves_the_current_one(world):
    enquiry, lead = world.enquiry("q_a"), world.person("lead_a")
    first = enquiry.current_revision
    second = services.enquiry_revise(
        enquiry=enquiry, actor=lead, text="Second wording?", rationale="Narrower"
    )
    third = services.enquiry_revise(enquiry=enquiry, actor=lead, text="Third wording?")
    assert [r.number for r in enquiry.revisions.all()] == [1, 2, 3]
    assert (second.number, second.rationale, second.author) == (2, "Narrower", lead)
    enquiry.refresh_from_db()
    assert enquiry.current_revision == third
    # Append-only: the first wording is untouched.
    assert QuestionRevision.objects.get(pk=first.pk).text == first.text
    assert kinds(enquiry) == [Kind.CREATED, Kind.REVISED, Kind.REVISED]
    assert enquiry.events.last().revision == third


def test_it_refuses_two_revisions_with_the_same_number(world):
    with pytest.raises(IntegrityError):
        QuestionRevision.objects.create(enquiry=world.q_a, number=1, text="x", author=world.lead_a)


def test_it_refuses_an_unchanged_revision(world):
    enquiry = world.enquiry("q_a")
    with pytest.raises(EnquiryError, match="unchanged"):
        services.enquiry_revise(
            enquiry=enquiry,
            actor=world.person("lead_a"),
            text=f"  {enquiry.current_revision.text} ",
        )
    assert enquiry.revisions.count() == 1


def test_it_refuses_a_revision_while_with_the_reviewers(world):
    enquiry, lead = world.enquiry("q_a"), world.person("lead_a")
    services.enquiry_submit(enquiry=enquiry, actor=lead)
    with pytest.raises(EnquiryError, match="with the reviewers"):
        services.enquiry_revise(enquiry=enquiry, actor=lead, text="Sneaky change?")
    assert enquiry.revisions.count() == 1


def test_it_reopens_an_agreed_question_on_a_new_revision(world):
    enquiry, lead = world.enquiry("q_a"), world.person("lead_a")
    services.enquiry_submit(enquiry=enquiry, actor=lead)
    services.enquiry_agree(enquiry=enquiry, actor=world.person("co_x"))
    agreed_at = Enquiry.objects.get(pk=enquiry.pk).status_changed_at
    revision = services.enquiry_revise(
        enquiry=enquiry, actor=lead, text="Reworded after a surgery?"
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.DRAFT
    assert enquiry.status_changed_at > agreed_at
    assert kinds(enquiry)[-2:] == [Kind.REVISED, Kind.REOPENED]
    assert enquiry.events.last().revision == revision


# --- The review workflow ---------------------------------------------------------

# (status to start from, action, resulting status or None when refused)
TRANSITIONS = [
    (Status.DRAFT, "revise", Status.DRAFT),
    (Status.DRAFT, "submit", Status.SUBMITTED),
    (Status.DRAFT, "request_changes", None),
    (Status.DRAFT, "agree", None),
    (Status.SUBMITTED, "revise", None),
    (Status.SUBMITTED, "submit", None),
    (Status.SUBMITTED, "request_changes", Status.CHANGES_REQUESTED),
    (Status.SUBMITTED, "agree", Status.AGREED),
    (Status.CHANGES_REQUESTED, "revise", Status.CHANGES_REQUESTED),
    (Status.CHANGES_REQUESTED, "submit", Status.SUBMITTED),
    (Status.CHANGES_REQUESTED, "request_changes", None),
    (Status.CHANGES_REQUESTED, "agree", None),
    (Status.AGREED, "revise", Status.DRAFT),
    (Status.AGREED, "submit", None),
    (Status.AGREED, "request_changes", None),
    (Status.AGREED, "agree", None),
]


def bring_to(world, status):
    """q_a in the given status, reached through the services."""
    enquiry, lead, coleader = world.enquiry("q_a"), world.person("lead_a"), world.person("co_x")
    if status == Status.DRAFT:
        return enquiry
    services.enquiry_submit(enquiry=enquiry, actor=lead)
    if status == Status.CHANGES_REQUESTED:
        services.enquiry_request_changes(enquiry=enquiry, actor=coleader, comment="Narrow it")
    elif status == Status.AGREED:
        services.enquiry_agree(enquiry=enquiry, actor=coleader)
    return world.enquiry("q_a")


def act(world, enquiry, action):
    if action == "revise":
        services.enquiry_revise(enquiry=enquiry, actor=world.person("lead_a"), text="New wording?")
    elif action == "submit":
        services.enquiry_submit(enquiry=enquiry, actor=world.person("lead_a"))
    elif action == "request_changes":
        services.enquiry_request_changes(
            enquiry=enquiry, actor=world.person("co_x"), comment="Why?"
        )
    else:
        services.enquiry_agree(enquiry=enquiry, actor=world.person("co_x"))


@pytest.mark.parametrize(("start", "action", "result"), TRANSITIONS)
def test_it_allows_only_the_workflow_transitions(world, start, action, result):
    enquiry = bring_to(world, start)
    assert enquiry.status == start
    before = (enquiry.status_changed_at, enquiry.events.count())
    if result is None:
        with pytest.raises(EnquiryError):
            act(world, enquiry, action)
        enquiry.refresh_from_db()
        assert (enquiry.status, enquiry.status_changed_at, enquiry.events.count()) == (
            start,
            *before,
        )
        return
    act(world, enquiry, action)
    enquiry.refresh_from_db()
    assert enquiry.status == result
    assert enquiry.events.count() > before[1]
    if result != start:
        assert enquiry.status_changed_at > before[0]


def test_it_records_each_decision_with_its_revision_and_comment(world):
    enquiry, lead, coleader = world.enquiry("q_a"), world.person("lead_a"), world.person("co_x")
    services.enquiry_submit(enquiry=enquiry, actor=lead, comment="Ready for you")
    services.enquiry_request_changes(enquiry=enquiry, actor=coleader, comment="Too broad")
    revision = services.enquiry_revise(enquiry=enquiry, actor=lead, text="Narrower?")
    services.enquiry_submit(enquiry=enquiry, actor=lead)
    services.enquiry_agree(enquiry=enquiry, actor=coleader, comment="Good")
    events = list(
        enquiry.events.order_by("pk").values_list("kind", "actor_id", "revision__number", "comment")
    )
    assert events == [
        (Kind.CREATED, lead.pk, 1, ""),
        (Kind.SUBMITTED, lead.pk, 1, "Ready for you"),
        (Kind.CHANGES_REQUESTED, coleader.pk, 1, "Too broad"),
        (Kind.REVISED, lead.pk, 2, ""),
        (Kind.SUBMITTED, lead.pk, 2, ""),
        (Kind.AGREED, coleader.pk, 2, "Good"),
    ]
    assert revision.number == 2


def test_it_requires_a_comment_to_request_changes(world):
    enquiry = bring_to(world, Status.SUBMITTED)
    with pytest.raises(EnquiryError, match="Say what should change"):
        services.enquiry_request_changes(enquiry=enquiry, actor=world.person("co_x"), comment="  ")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SUBMITTED


def test_it_sees_a_decision_made_by_someone_else_meanwhile(world):
    """A stale copy of the enquiry (another tab) cannot decide it twice."""
    enquiry = bring_to(world, Status.SUBMITTED)
    stale_copy = world.enquiry("q_a")
    services.enquiry_agree(enquiry=enquiry, actor=world.person("co_x"))
    with pytest.raises(EnquiryError, match="already been agreed"):
        services.enquiry_request_changes(
            enquiry=stale_copy, actor=world.person("kq_facilitator"), comment="No"
        )
    assert Enquiry.objects.get(pk=enquiry.pk).status == Status.AGREED


def test_it_adds_comments_to_the_thread(world):
    enquiry = world.enquiry("q_a")
    event = services.enquiry_comment(enquiry=enquiry, actor=world.person("lead_a2"), text="Like it")
    assert (event.kind, event.comment, event.revision) == (
        Kind.COMMENTED,
        "Like it",
        enquiry.current_revision,
    )
    assert enquiry.status == Status.DRAFT
    with pytest.raises(EnquiryError):
        services.enquiry_comment(enquiry=enquiry, actor=world.person("lead_a2"), text=" ")


# --- Links -------------------------------------------------------------------------


def test_it_links_a_cluster_question_to_a_national_key_question(world):
    enquiry = world.enquiry("q_a")
    link = services.enquiry_link(enquiry=enquiry, target=world.kq2, actor=world.person("lead_a"))
    assert (link.enquiry, link.target, link.created_by) == (enquiry, world.kq2, world.lead_a)
    assert list(enquiry.serves.all()) == [world.kq2]
    assert enquiry.events.last().kind == Kind.LINKED


def test_it_links_a_school_question_to_questions_above_in_its_project(world):
    enquiry, contact = world.enquiry("q_oak"), world.person("school_contact")
    services.enquiry_link(enquiry=enquiry, target=world.q_x, actor=contact)
    services.enquiry_link(enquiry=enquiry, target=world.kq1, actor=contact)
    assert set(enquiry.serves.all()) == {world.q_x, world.kq1}


@pytest.mark.parametrize(
    ("child", "target", "message"),
    [
        ("q_a", "q_y", "not another LA's"),  # another LA's question
        ("q_a", "q_a2", "level above"),  # a sibling
        ("q_x", "q_a", "level above"),  # downwards
        ("q_a", "q_a", "level above"),  # itself
        ("q_a", "q_x", "already serves"),  # its home parent
        ("q_oak", "q_a", "already serves"),  # its home parent
    ],
)
def test_it_refuses_links_that_do_not_go_up_within_the_project(world, child, target, message):
    enquiry = world.enquiry(child)
    owner = {"q_a": "lead_a", "q_x": "co_x", "q_oak": "school_contact"}[child]
    with pytest.raises(EnquiryError, match=message):
        services.enquiry_link(
            enquiry=enquiry, target=getattr(world, target), actor=world.person(owner)
        )
    assert not EnquiryLink.objects.exists()


def test_it_refuses_a_link_to_another_initiative(world):
    other = services.initiative_create(
        actor=world.national, name="Another", las=[world.la_x], key_questions=["Elsewhere?"]
    )
    with pytest.raises(EnquiryError, match="own initiative"):
        services.enquiry_link(
            enquiry=world.enquiry("q_a"), target=other.enquiries.get(), actor=world.person("lead_a")
        )


def test_it_refuses_a_duplicate_link(world):
    enquiry, lead = world.enquiry("q_a"), world.person("lead_a")
    services.enquiry_link(enquiry=enquiry, target=world.kq1, actor=lead)
    with pytest.raises(EnquiryError, match="already linked"):
        services.enquiry_link(enquiry=enquiry, target=world.kq1, actor=lead)
    assert EnquiryLink.objects.count() == 1


def test_it_unlinks_and_keeps_the_audit_trail(world):
    enquiry, lead = world.enquiry("q_a"), world.person("lead_a")
    services.enquiry_link(enquiry=enquiry, target=world.kq1, actor=lead)
    services.enquiry_unlink(enquiry=enquiry, target=world.kq1, actor=lead)
    assert not enquiry.serves.exists()
    assert kinds(enquiry)[-2:] == [Kind.LINKED, Kind.UNLINKED]
    with pytest.raises(EnquiryError, match="not linked"):
        services.enquiry_unlink(enquiry=enquiry, target=world.kq1, actor=lead)


# --- Alignment reviews and staleness -----------------------------------------------


def review(world, child="q_a", target="q_x", reviewer="co_x", rating=AlignmentRating.MOSTLY):
    return services.alignment_review_create(
        enquiry=world.enquiry(child),
        target=getattr(world, target),
        actor=world.person(reviewer),
        rating=rating,
        comment="Close",
    )


def test_it_reviews_alignment_with_the_home_parent(world):
    made = review(world)
    assert (made.revision, made.target_revision) == (
        world.q_a.current_revision,
        world.q_x.current_revision,
    )
    assert (made.rating, made.comment, made.reviewer) == (
        AlignmentRating.MOSTLY,
        "Close",
        world.co_x,
    )
    assert not AlignmentReview.objects.select_related("enquiry", "target").get().is_stale
    event = world.q_a.events.last()
    assert event.kind == Kind.ALIGNMENT_REVIEWED
    assert "Mostly aligned" in event.comment


def test_it_reviews_alignment_only_against_served_questions(world):
    with pytest.raises(EnquiryError, match="linked to"):
        review(world, target="kq1")
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq1, actor=world.person("lead_a")
    )
    assert review(world, target="kq1").target_revision == world.kq1.current_revision


def test_it_refuses_an_unknown_rating(world):
    with pytest.raises(EnquiryError):
        review(world, rating="brilliant")
    assert not AlignmentReview.objects.exists()


def stale(made):
    return AlignmentReview.objects.select_related("enquiry", "target").get(pk=made.pk).is_stale


def test_it_marks_a_review_stale_when_the_child_is_revised(world):
    made = review(world)
    services.enquiry_revise(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="New?")
    assert stale(made)
    fresh = review(world)
    assert not stale(fresh)


def test_it_marks_a_review_stale_when_the_target_is_revised(world):
    made = review(world)
    services.enquiry_revise(
        enquiry=world.enquiry("q_x"), actor=world.person("co_x"), text="New LA?"
    )
    assert stale(made)


def test_it_marks_a_national_link_review_stale_when_the_key_question_is_reopened(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_x"), target=world.kq1, actor=world.person("co_x")
    )
    made = review(world, child="q_x", target="kq1", reviewer="kq_facilitator")
    services.enquiry_revise(
        enquiry=world.enquiry("kq1"), actor=world.person("national"), text="KQ1 anew?"
    )
    assert stale(made)
    assert Enquiry.objects.get(pk=world.kq1.pk).status == Status.DRAFT


def test_it_needs_no_new_data_for_other_links_to_stay_fresh(world):
    made = review(world)
    services.enquiry_revise(
        enquiry=world.enquiry("q_b"), actor=world.person("lead_b"), text="Other?"
    )
    assert not stale(made)


def test_it_keeps_everything_unchanged_when_a_later_step_fails(world, monkeypatch):
    """The service is atomic: an error after the revision leaves no revision behind."""

    def boom(**kwargs):
        raise RuntimeError("mail server on fire")

    made = review(world)
    monkeypatch.setattr(services._common, "notify", boom)
    with pytest.raises(RuntimeError):
        services.enquiry_revise(
            enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="New?"
        )
    assert world.q_a.revisions.count() == 1
    assert not stale(made)


def test_it_serves_questions_from_another_la_hosted_cluster(world):
    """Networks cross LA boundaries: a Kent cluster may join Essex's project."""
    kent_cluster = ClusterFactory(
        name="Kent border cluster", host_la=LocalAuthorityFactory(code="887")
    )
    participation = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=kent_cluster
    )
    assert participation.cluster == kent_cluster
