"""Access-matrix rows for the enquiries URLs: see matrix.py, and world.py for who is who.

In the world every question is a draft but the first key question, agreed from the
start as initiative_create makes key questions. Reading it through rules.py:

* everyone signed in sees the initiative (each persona's LA takes part in it);
* the Essex project and its questions are seen by everyone but the outsider, the
  Northamptonshire ones by the outsider, the LA-to-LA facilitator (an officer
  there too), staff and the national team;
* the LA question is written by Essex's co-leader, the cluster question by the
  cluster lead (and staff write anything);
* the cluster question is reviewed by staff, the national team, Essex's co-leader
  and the LA-to-LA facilitator of the project.

Setting up the project, its clusters, schools and facilitators has its rows in
rows_enquiries_setup.py; add_set_up_objects below adds what those pages need.

Actions that succeed, or that a service refuses with a message, redirect (302).
A form that refuses its input (a forged id, a choice not offered) answers 200.
A wrong method is refused (405) before anything else, even for anonymous visitors.

Effects (see matrix.py): each action that succeeds says what it writes, including
its audit entry; everyone else, including those told "not now" with a 302 (a draft
cannot be decided, the question exists already) and those shown a form error, must
leave the database as it was.
"""

from __future__ import annotations

from enquiries import services
from enquiries.models import (
    AlignmentReview,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    QuestionRevision,
)
from notifications.models import Notification
from tests.factories import ClusterFactory, LocalAuthorityFactory

from .matrix import (
    ACTOR,
    ANONYMOUS,
    LOGIN,
    SIGNED_IN,
    Row,
    acting,
    audited,
    creates,
    deletes,
    sets,
)
from .world import PERSONAS, extend_world
from .world_enquiries import add_enquiry_links  # noqa: F401  (registers the extension)


@extend_world
def add_set_up_objects(w) -> None:
    """What the set-up pages need: an LA taking part with no project yet, an Essex
    cluster not in the project, and Harlow Primary in the Harlow cluster's work (no
    question yet). (The LA-to-LA facilitator's assignment is world.py's.)"""
    w.la_without_project = LocalAuthorityFactory(code="886", name="Kent")
    # No service adds an LA to a running initiative: staff do it in the admin.
    w.initiative.participating_las.add(w.la_without_project)
    w.spare_cluster = ClusterFactory(name="Epping cluster", host_la=w.la)
    w.school_participation = services.school_join_cluster(
        actor=w.users["cluster_lead"], cluster_participation=w.participation, school=w.school
    )


OUTSIDER_404 = {ANONYMOUS: LOGIN, "outsider": 404}
# Seen only by those who see Northamptonshire.
OTHER_LA = {
    ANONYMOUS: LOGIN,
    "staff": 200,
    "national_facilitator": 200,
    "la_facilitator": 200,
    "outsider": 200,
}


CLUSTER_OWNERS = ("staff", "cluster_lead")
LA_OWNERS = ("staff", "la_coleader")
CLUSTER_REVIEWERS = ("staff", "national_facilitator", "la_coleader", "la_facilitator")


# Comment on the cluster question: everyone who sees it.
COMMENTERS = tuple(p for p in PERSONAS if p not in (ANONYMOUS, "outsider"))


def owners(names, answer) -> dict:
    return {ANONYMOUS: LOGIN, "outsider": 404, **{name: answer for name in names}}


def _cluster_question(w):
    return w.enquiry_cluster


def _event(kind, **filters):
    """The question's review thread gains one event of `kind`, by the actor."""
    return creates(EnquiryEvent, enquiry=_cluster_question, kind=kind, actor=ACTOR, **filters)


COMMENTED = (
    _event(EnquiryEvent.Kind.COMMENTED, comment="A thought"),
    audited("enquiries.question.commented"),
)


ROWS: list[Row] = [
    # --- Initiatives
    Row("enquiries:initiative_list", expect=SIGNED_IN),
    Row("enquiries:initiative_list", method="post", default=405),
    Row("enquiries:initiative_detail", args=lambda w: [w.initiative.pk], expect=SIGNED_IN),
    Row(
        "enquiries:initiative_detail",
        args=lambda w: [w.initiative.pk],
        method="post",
        default=405,
    ),
    # --- Projects
    Row("enquiries:project_detail", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
    Row(
        "enquiries:project_detail",
        args=lambda w: [w.other_project.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row(
        "enquiries:project_detail",
        args=lambda w: [w.project.pk],
        method="post",
        default=405,
    ),
    Row("enquiries:project_map", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
    Row(
        "enquiries:project_map",
        args=lambda w: [w.other_project.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row(
        "enquiries:project_map",
        args=lambda w: [w.project.pk],
        method="post",
        default=405,
    ),
    # --- Writing questions. The world's questions exist, so owners are sent to revise.
    Row(
        "enquiries:enquiry_create",
        args=lambda w: [w.project.pk],
        expect=owners(LA_OWNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:enquiry_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"text": "What will we learn?"},
        expect=owners(LA_OWNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:enquiry_create",
        args=lambda w: [w.project.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:cluster_enquiry_create",
        args=lambda w: [w.participation.pk],
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:cluster_enquiry_create",
        args=lambda w: [w.participation.pk],
        method="post",
        data=lambda w: {"text": "What will we learn?"},
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
    ),
    Row(
        "enquiries:cluster_enquiry_create",
        args=lambda w: [w.participation.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:enquiry_revise",
        args=lambda w: [w.enquiry_cluster.pk],
        expect=owners(CLUSTER_OWNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:enquiry_revise",
        args=lambda w: [w.enquiry_la.pk],
        expect=owners(LA_OWNERS, 200),
        default=403,
        label="LA question",
    ),
    Row(
        "enquiries:enquiry_revise",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        data=lambda w: {"text": "What will the cluster learn now?"},
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
        effects=acting(
            CLUSTER_OWNERS,
            creates(
                QuestionRevision,
                enquiry=_cluster_question,
                number=2,
                text="What will the cluster learn now?",
                author=ACTOR,
            ),
            sets(_cluster_question, current_revision__number=2),
            _event(EnquiryEvent.Kind.REVISED),
            audited("enquiries.question.revised"),
        ),
    ),
    Row(
        "enquiries:enquiry_revise",
        args=lambda w: [w.enquiry_cluster.pk],
        method="put",
        default=405,
    ),
    # --- One question
    Row("enquiries:enquiry_detail", args=lambda w: [w.enquiry_cluster.pk], expect=OUTSIDER_404),
    Row(
        "enquiries:enquiry_detail",
        args=lambda w: [w.key_question.pk],
        expect=SIGNED_IN,
        label="key question",
    ),
    Row(
        "enquiries:enquiry_detail",
        args=lambda w: [w.other_enquiry.pk],
        expect=OTHER_LA,
        default=404,
        label="other LA",
    ),
    Row(
        "enquiries:enquiry_detail",
        args=lambda w: [w.enquiry_cluster.pk],
        query={"old": "1", "new": "1"},
        headers={"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "revision-diff"},
        expect=OUTSIDER_404,
        label="htmx diff",
    ),
    Row(
        "enquiries:enquiry_detail",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        default=405,
    ),
    # --- The review panel's actions
    Row(
        "enquiries:enquiry_submit",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        data=lambda w: {"comment": ""},
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
        effects=acting(
            CLUSTER_OWNERS,
            sets(_cluster_question, status=Enquiry.Status.SUBMITTED),
            _event(EnquiryEvent.Kind.SUBMITTED),
            audited("enquiries.question.submitted"),
            # The project's LA-to-LA facilitator is one of the reviewers asked.
            creates(
                Notification,
                recipient=lambda w: w.users["la_facilitator"],
                category=Notification.Category.REVIEW,
            ),
        ),
    ),
    Row(
        "enquiries:enquiry_submit",
        args=lambda w: [w.enquiry_cluster.pk],
        default=405,
    ),
    Row(
        "enquiries:enquiry_decide",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        # A draft cannot be decided: reviewers are told so (302), others refused.
        data=lambda w: {"decision": "agree"},
        expect=owners(CLUSTER_REVIEWERS, 302),
        default=403,
    ),
    Row(
        "enquiries:enquiry_decide",
        args=lambda w: [w.enquiry_la.pk],
        method="post",
        data=lambda w: {"decision": "agree"},
        # The co-leader writes the LA question, so does not decide it.
        expect=owners(("staff", "national_facilitator", "la_facilitator"), 302),
        default=403,
        label="LA question",
    ),
    Row(
        "enquiries:enquiry_decide",
        args=lambda w: [w.enquiry_cluster.pk],
        default=405,
    ),
    Row(
        "enquiries:enquiry_comment",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        data=lambda w: {"text": "A thought"},
        expect=OUTSIDER_404,
        default=302,
        effects=acting(COMMENTERS, *COMMENTED),
    ),
    Row(
        "enquiries:enquiry_comment",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        data=lambda w: {"text": "A thought"},
        headers={"HTTP_HX_REQUEST": "true"},
        expect=OUTSIDER_404,
        default=200,
        label="htmx",
        effects=acting(COMMENTERS, *COMMENTED),
    ),
    Row(
        "enquiries:enquiry_comment",
        args=lambda w: [w.enquiry_cluster.pk],
        default=405,
    ),
    # --- Links and alignment
    Row(
        "enquiries:enquiry_link",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        data=lambda w: {"target": w.key_question.pk},
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
        effects=acting(
            CLUSTER_OWNERS,
            creates(
                EnquiryLink,
                enquiry=_cluster_question,
                target=lambda w: w.key_question,
                created_by=ACTOR,
            ),
            _event(EnquiryEvent.Kind.LINKED),
            audited("enquiries.question.linked"),
        ),
    ),
    Row(
        "enquiries:enquiry_link",
        args=lambda w: [w.enquiry_cluster.pk],
        default=405,
    ),
    Row(
        "enquiries:enquiry_unlink",
        args=lambda w: [w.enquiry_cluster.pk, w.key_question_2.pk],
        method="post",
        expect=owners(CLUSTER_OWNERS, 302),
        default=403,
        effects=acting(
            CLUSTER_OWNERS,
            deletes(EnquiryLink, enquiry=_cluster_question, target=lambda w: w.key_question_2),
            _event(EnquiryEvent.Kind.UNLINKED),
            audited("enquiries.question.unlinked"),
        ),
    ),
    Row(
        "enquiries:enquiry_unlink",
        args=lambda w: [w.enquiry_cluster.pk, w.other_enquiry.pk],
        method="post",
        # A foreign id: not linked, so not found, for those who may write.
        expect=owners(CLUSTER_OWNERS, 404),
        default=403,
        label="not linked",
    ),
    # GET asks first (and changes nothing); only the question's writers may.
    Row(
        "enquiries:enquiry_unlink",
        args=lambda w: [w.enquiry_cluster.pk, w.key_question_2.pk],
        expect=owners(CLUSTER_OWNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:enquiry_unlink",
        args=lambda w: [w.enquiry_cluster.pk, w.key_question_2.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:alignment_review",
        args=lambda w: [w.enquiry_cluster.pk, w.enquiry_la.pk],
        expect=owners(CLUSTER_REVIEWERS, 200),
        default=403,
    ),
    Row(
        "enquiries:alignment_review",
        args=lambda w: [w.enquiry_cluster.pk, w.key_question_2.pk],
        method="post",
        data=lambda w: {"rating": "mostly", "comment": ""},
        expect=owners(CLUSTER_REVIEWERS, 302),
        default=403,
        effects=acting(
            CLUSTER_REVIEWERS,
            creates(
                AlignmentReview,
                enquiry=_cluster_question,
                target=lambda w: w.key_question_2,
                reviewer=ACTOR,
                rating="mostly",
            ),
            _event(EnquiryEvent.Kind.ALIGNMENT_REVIEWED),
            audited("enquiries.alignment.reviewed"),
        ),
    ),
    Row(
        "enquiries:alignment_review",
        args=lambda w: [w.enquiry_cluster.pk, w.other_enquiry.pk],
        # Not a question it serves: not found for anyone who can see the question.
        expect=OUTSIDER_404,
        default=404,
        label="not served",
    ),
    Row(
        "enquiries:alignment_review",
        args=lambda w: [w.enquiry_cluster.pk, w.enquiry_la.pk],
        method="put",
        default=405,
    ),
    # --- The review queue
    Row("enquiries:review_queue", expect=SIGNED_IN),
    Row("enquiries:review_queue", method="post", default=405),
]
