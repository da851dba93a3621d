"""Who may write, submit, link, decide and review each level's question.

Each row says whether a person may act; the services refuse with PermissionDenied
otherwise and change nothing. Ownership and review per level are set out in
enquiries/rules.py."""

import pytest
from django.core.exceptions import PermissionDenied

from enquiries import services
from enquiries.models import AlignmentRating, AlignmentReview, Enquiry

OWNER = {
    "kq1": "national",
    "q_x": "co_x",
    "q_y": "co_y",
    "q_a": "lead_a",
    "q_b": "lead_b",
    "q_oak": "school_contact",
}

# (question, person, may write it: revise, submit, link)
WRITERS = [
    ("kq1", "national", True),
    ("kq1", "kq_facilitator", True),
    ("kq1", "staff", True),
    ("kq1", "co_x", False),
    ("q_x", "co_x", True),
    ("q_x", "staff", True),
    ("q_x", "co_y", False),
    ("q_x", "national", False),  # the national team reviews LA questions, not writes them
    ("q_x", "kq_facilitator", False),
    ("q_x", "lead_a", False),
    ("q_x", "officer_x_facilitating_y", False),
    ("q_a", "lead_a", True),
    ("q_a", "staff", True),
    ("q_a", "co_x", False),  # co-leaders review cluster questions
    ("q_a", "lead_a2", False),
    ("q_a", "lead_b", False),
    ("q_a", "school_contact", False),
    ("q_oak", "school_contact", True),
    ("q_oak", "lead_a", True),
    ("q_oak", "lead_a2", False),
    ("q_oak", "co_x", False),
    ("q_b", "lead_b", True),
    ("q_b", "lead_a", False),
    ("q_b", "outsider", False),
]

# (question, person, may review it: request changes, agree, alignment review)
REVIEWERS = [
    ("kq1", "national", True),
    ("kq1", "staff", True),
    ("kq1", "kq_facilitator", False),  # writes the key questions; the national team decides
    ("kq1", "co_x", False),
    ("q_x", "national", True),
    ("q_x", "kq_facilitator", True),
    ("q_x", "staff", True),
    ("q_x", "co_x", False),  # never your own level
    ("q_x", "co_y", False),
    ("q_x", "lead_a", False),
    ("q_x", "officer_x_facilitating_y", False),  # facilitates Y, only an officer in X
    ("q_y", "officer_x_facilitating_y", True),
    ("q_y", "kq_facilitator", True),
    ("q_y", "co_y", False),
    ("q_y", "co_x", False),
    ("q_y", "lead_b", False),
    ("q_a", "co_x", True),
    ("q_a", "kq_facilitator", True),
    ("q_a", "national", True),
    ("q_a", "staff", True),
    ("q_a", "lead_a", False),
    ("q_a", "lead_a2", False),
    ("q_a", "co_y", False),
    ("q_a", "officer_x_facilitating_y", False),
    ("q_b", "officer_x_facilitating_y", True),
    ("q_b", "co_y", True),
    ("q_b", "lead_b", False),
    ("q_b", "co_x", False),
    ("q_oak", "co_x", True),
    ("q_oak", "lead_a", False),
    ("q_oak", "school_contact", False),
    ("q_oak", "outsider", False),
]


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("question", "who", "allowed"), WRITERS)
def test_it_lets_only_owners_revise(world, question, who, allowed):
    enquiry = world.enquiry(question)

    def call():
        return services.enquiry_revise(enquiry=enquiry, actor=world.person(who), text="Reworded?")

    if allowed:
        assert call().number == 2
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert enquiry.revisions.count() == 1


@pytest.mark.parametrize(("question", "who", "allowed"), WRITERS)
def test_it_lets_only_owners_submit(world, question, who, allowed):
    enquiry = world.enquiry(question)
    if question == "kq1":  # agreed from the start: reopen it first
        services.enquiry_revise(enquiry=enquiry, actor=world.person("national"), text="KQ1 anew?")
    if allowed:
        services.enquiry_submit(enquiry=enquiry, actor=world.person(who))
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.SUBMITTED
    else:
        with pytest.raises(PermissionDenied):
            services.enquiry_submit(enquiry=enquiry, actor=world.person(who))
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.DRAFT


@pytest.mark.parametrize(
    ("question", "who", "allowed"), [row for row in WRITERS if row[0] != "kq1"]
)
def test_it_lets_only_owners_link(world, question, who, allowed):
    enquiry = world.enquiry(question)
    if allowed:
        services.enquiry_link(enquiry=enquiry, target=world.kq2, actor=world.person(who))
        services.enquiry_unlink(enquiry=enquiry, target=world.kq2, actor=world.person(who))
    else:
        with pytest.raises(PermissionDenied):
            services.enquiry_link(enquiry=enquiry, target=world.kq2, actor=world.person(who))
        services.enquiry_link(
            enquiry=enquiry, target=world.kq2, actor=world.person(OWNER[question])
        )
        with pytest.raises(PermissionDenied):
            services.enquiry_unlink(enquiry=enquiry, target=world.kq2, actor=world.person(who))
        assert enquiry.links.count() == 1


def submitted(world, question):
    enquiry = world.enquiry(question)
    owner = world.person(OWNER[question])
    if question == "kq1":
        services.enquiry_revise(enquiry=enquiry, actor=owner, text="KQ1 anew?")
    services.enquiry_submit(enquiry=enquiry, actor=owner)
    return world.enquiry(question)


@pytest.mark.parametrize(("question", "who", "allowed"), REVIEWERS)
def test_it_lets_only_reviewers_agree(world, question, who, allowed):
    enquiry = submitted(world, question)
    if allowed:
        services.enquiry_agree(enquiry=enquiry, actor=world.person(who))
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.AGREED
    else:
        with pytest.raises(PermissionDenied):
            services.enquiry_agree(enquiry=enquiry, actor=world.person(who))
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.SUBMITTED


@pytest.mark.parametrize(("question", "who", "allowed"), REVIEWERS)
def test_it_lets_only_reviewers_request_changes(world, question, who, allowed):
    enquiry = submitted(world, question)

    def call():
        return services.enquiry_request_changes(
            enquiry=enquiry, actor=world.person(who), comment="Why?"
        )

    if allowed:
        call()
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.CHANGES_REQUESTED
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert Enquiry.objects.get(pk=enquiry.pk).status == Enquiry.Status.SUBMITTED


@pytest.mark.parametrize(
    ("question", "who", "allowed"), [row for row in REVIEWERS if row[0] != "kq1"]
)
def test_it_lets_only_reviewers_review_alignment(world, question, who, allowed):
    enquiry = world.enquiry(question)
    services.enquiry_link(enquiry=enquiry, target=world.kq1, actor=world.person(OWNER[question]))

    def call():
        return services.alignment_review_create(
            enquiry=enquiry,
            target=world.kq1,
            actor=world.person(who),
            rating=AlignmentRating.PARTLY,
        )

    if allowed:
        assert call().reviewer == getattr(world, who)
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not AlignmentReview.objects.exists()


@pytest.mark.parametrize(
    ("question", "who", "allowed"),
    [
        ("q_a", "lead_a2", True),  # another cluster in the same LA project can read it
        ("q_a", "officer_x_facilitating_y", True),  # an officer of Essex
        ("q_a", "lead_b", False),
        ("q_a", "outsider", False),
        ("kq1", "lead_b", True),
        ("kq1", "outsider", False),  # Wandsworth takes no part in the initiative
        ("q_z", "officer_x_facilitating_y", False),
    ],
)
def test_it_lets_anyone_who_can_read_comment(world, question, who, allowed):
    enquiry = world.enquiry(question)
    if allowed:
        services.enquiry_comment(enquiry=enquiry, actor=world.person(who), text="A thought")
    else:
        with pytest.raises(PermissionDenied):
            services.enquiry_comment(enquiry=enquiry, actor=world.person(who), text="A thought")
        assert not enquiry.events.filter(kind="commented").exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("co_x", True), ("staff", True), ("national", True), ("co_y", False), ("lead_a", False)],
)
def test_it_lets_the_las_coleaders_bring_in_clusters(world, who, allowed):
    from tests.factories import ClusterFactory

    cluster = ClusterFactory(host_la=world.la_x)

    def call():
        return services.cluster_join_project(
            actor=world.person(who), project=world.project_x, cluster=cluster
        )

    if allowed:
        assert call().cluster == cluster
    else:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("outsider", True),
        ("kq_facilitator", True),
        ("national", True),
        ("co_x", False),
        ("lead_a", False),
    ],
)
def test_it_lets_coleaders_and_facilitators_set_up_projects(world, who, allowed):
    world.initiative.participating_las.add(world.la_w)

    def call():
        return services.project_create(
            actor=world.person(who),
            initiative=world.initiative,
            la=world.la_w,
            title="Wandsworth learning project",
            development_focus="Focus",
            question="What?",
        )

    if allowed:
        project = call()
        assert project.enquiries.get().level == "la"
    else:
        with pytest.raises(PermissionDenied):
            call()
