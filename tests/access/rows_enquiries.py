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

Setting up (add_set_up_objects below adds what those pages need): the LA's project
is set up by its co-leaders, staff and the national team, who also bring clusters in
and set their focus; the cluster lead joins them in choosing schools; school
questions are written by the cluster lead and the school's contact; LA-to-LA
facilitators are assigned and ended by staff and the national team only.

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
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Facilitation,
    Project,
    QuestionRevision,
    SchoolParticipation,
)
from networks.models import Role, RoleAssignment
from notifications.models import Notification
from tests.factories import ClusterFactory, LocalAuthorityFactory

from .matrix import (
    ACTOR,
    ANONYMOUS,
    LOGIN,
    SET,
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
SCHOOL_OWNERS = ("staff", "cluster_lead", "school_contact")
# Set up the project, bring clusters in (rules.may_manage_project).
PROJECT_MANAGERS = ("staff", "national_facilitator", "la_coleader")
# Choose the schools in a cluster's work (rules.may_manage_cluster_participation).
CLUSTER_MANAGERS = (*PROJECT_MANAGERS, "cluster_lead")
# Assign and end LA-to-LA facilitators (rules.may_assign_facilitator).
FACILITATOR_ASSIGNERS = ("staff", "national_facilitator")
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
    # --- Setting up an LA's project. Staff and the national team may set one up for
    # any LA taking part (Kent has none yet); a co-leader for their own LA, which in
    # the world already has one, so their form offers nothing and refuses Kent.
    Row(
        "enquiries:project_create",
        args=lambda w: [w.initiative.pk],
        expect={ANONYMOUS: LOGIN, **{name: 200 for name in (*PROJECT_MANAGERS, "outsider")}},
        default=403,
    ),
    Row(
        "enquiries:project_create",
        args=lambda w: [w.initiative.pk],
        query={"la": "881"},
        # Essex has its project: those who could set it up are sent to it.
        expect={ANONYMOUS: LOGIN, "outsider": 200, **{name: 302 for name in PROJECT_MANAGERS}},
        default=403,
        label="LA with a project",
    ),
    Row(
        "enquiries:project_create",
        args=lambda w: [w.initiative.pk],
        method="post",
        data=lambda w: {
            "la": w.la_without_project.pk,
            "title": "Kent learning project",
            "development_focus": "Clusters work on transition.",
        },
        expect={
            ANONYMOUS: LOGIN,
            "staff": 302,
            "national_facilitator": 302,
            # Kent is not theirs: "Choose one of the LAs listed".
            "la_coleader": 200,
            "outsider": 200,
        },
        default=403,
        effects=acting(
            ("staff", "national_facilitator"),
            creates(
                Project,
                initiative=lambda w: w.initiative,
                la=lambda w: w.la_without_project,
                title="Kent learning project",
            ),
            audited("enquiries.project.created"),
        ),
    ),
    Row(
        "enquiries:project_create",
        args=lambda w: [w.initiative.pk],
        method="put",
        default=405,
    ),
    # --- Clusters in the project
    Row(
        "enquiries:cluster_join",
        args=lambda w: [w.project.pk],
        expect=owners(PROJECT_MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:cluster_join",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"cluster": w.spare_cluster.pk, "ecm_outcomes": ["stay_safe"]},
        expect=owners(PROJECT_MANAGERS, 302),
        default=403,
        effects=acting(
            PROJECT_MANAGERS,
            creates(
                ClusterParticipation,
                project=lambda w: w.project,
                cluster=lambda w: w.spare_cluster,
                ecm_outcomes=["stay_safe"],
            ),
            audited("enquiries.participation.created"),
        ),
    ),
    Row(
        "enquiries:cluster_join",
        args=lambda w: [w.project.pk],
        method="post",
        # A forged id (another LA's cluster) is a form error; nothing joins.
        data=lambda w: {"cluster": w.other_cluster.pk},
        expect=owners(PROJECT_MANAGERS, 200),
        default=403,
        label="other LA's cluster",
    ),
    Row("enquiries:cluster_join", args=lambda w: [w.project.pk], method="put", default=405),
    Row(
        "enquiries:participation_detail",
        args=lambda w: [w.participation.pk],
        expect=OUTSIDER_404,
    ),
    Row(
        "enquiries:participation_detail",
        args=lambda w: [w.participation.pk],
        method="post",
        default=405,
    ),
    Row(
        "enquiries:participation_edit",
        args=lambda w: [w.participation.pk],
        expect=owners(PROJECT_MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:participation_edit",
        args=lambda w: [w.participation.pk],
        method="post",
        data=lambda w: {"ecm_outcomes": ["be_healthy"], "networking_kinds": ["pupil_voice"]},
        expect=owners(PROJECT_MANAGERS, 302),
        default=403,
        effects=acting(
            PROJECT_MANAGERS,
            sets(
                lambda w: w.participation,
                ecm_outcomes=["be_healthy"],
                networking_kinds=["pupil_voice"],
            ),
            audited("enquiries.participation.focus_changed"),
        ),
    ),
    Row(
        "enquiries:participation_edit",
        args=lambda w: [w.participation.pk],
        method="put",
        default=405,
    ),
    # --- Schools in a cluster's work, and their questions
    Row(
        "enquiries:school_join",
        args=lambda w: [w.participation.pk],
        expect=owners(CLUSTER_MANAGERS, 200),
        default=403,
    ),
    Row(
        "enquiries:school_join",
        args=lambda w: [w.participation.pk],
        method="post",
        # Harlow Primary takes part already; one of its teachers joins too.
        data=lambda w: {"school": w.school.pk, "teacher_name": "Ms Example"},
        expect=owners(CLUSTER_MANAGERS, 302),
        default=403,
        effects=acting(
            CLUSTER_MANAGERS,
            creates(
                SchoolParticipation,
                cluster_participation=lambda w: w.participation,
                school=lambda w: w.school,
                teacher_name="Ms Example",
            ),
            audited("enquiries.school_participation.created"),
        ),
    ),
    Row(
        "enquiries:school_join",
        args=lambda w: [w.participation.pk],
        method="post",
        data=lambda w: {"school": w.other_school.pk},
        expect=owners(CLUSTER_MANAGERS, 200),
        default=403,
        label="school not in the cluster",
    ),
    Row(
        "enquiries:school_join",
        args=lambda w: [w.participation.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:school_enquiry_create",
        args=lambda w: [w.school_participation.pk],
        expect=owners(SCHOOL_OWNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:school_enquiry_create",
        args=lambda w: [w.school_participation.pk],
        method="post",
        data=lambda w: {"text": "What will Harlow Primary learn?"},
        expect=owners(SCHOOL_OWNERS, 302),
        default=403,
        effects=acting(
            SCHOOL_OWNERS,
            creates(
                QuestionRevision,
                enquiry__level=Enquiry.Level.SCHOOL,
                enquiry__school_participation=lambda w: w.school_participation,
                enquiry__parent=_cluster_question,
                number=1,
                text="What will Harlow Primary learn?",
                author=ACTOR,
            ),
            audited("enquiries.question.created"),
        ),
    ),
    Row(
        "enquiries:school_enquiry_create",
        args=lambda w: [w.school_participation.pk],
        method="put",
        default=405,
    ),
    # --- LA-to-LA facilitators: the national team and staff assign and end them.
    Row(
        "enquiries:project_facilitators",
        args=lambda w: [w.project.pk],
        expect=owners(FACILITATOR_ASSIGNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:project_facilitators",
        args=lambda w: [w.project.pk],
        method="post",
        # Northamptonshire's co-leader: an officer of another LA.
        data=lambda w: {"person": w.users["outsider"].pk},
        expect=owners(FACILITATOR_ASSIGNERS, 302),
        default=403,
        effects=acting(
            FACILITATOR_ASSIGNERS,
            creates(
                Facilitation,
                project=lambda w: w.project,
                user=lambda w: w.users["outsider"],
                granted_by=ACTOR,
                ended_on=None,
            ),
            audited("enquiries.facilitation.assigned"),
            creates(Notification, recipient=lambda w: w.users["outsider"]),
        ),
    ),
    Row(
        "enquiries:project_facilitators",
        args=lambda w: [w.project.pk],
        method="post",
        # Essex's own co-leader is not offered: a form error, nobody assigned.
        data=lambda w: {"person": w.users["la_coleader"].pk},
        expect=owners(FACILITATOR_ASSIGNERS, 200),
        default=403,
        label="own LA's officer",
    ),
    Row(
        "enquiries:project_facilitators",
        args=lambda w: [w.project.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:project_facilitator_end",
        args=lambda w: [w.project.pk, w.facilitation.pk],
        expect=owners(FACILITATOR_ASSIGNERS, 200),
        default=403,
    ),
    Row(
        "enquiries:project_facilitator_end",
        args=lambda w: [w.project.pk, w.facilitation.pk],
        method="post",
        expect=owners(FACILITATOR_ASSIGNERS, 302),
        default=403,
        effects=acting(
            FACILITATOR_ASSIGNERS,
            sets(lambda w: w.facilitation, ended_on=SET),
            audited("enquiries.facilitation.ended"),
        ),
    ),
    Row(
        "enquiries:project_facilitator_end",
        args=lambda w: [
            w.project.pk,
            RoleAssignment.objects.get(user=w.users["la_coleader"], role=Role.LA_COLEADER).pk,
        ],
        method="post",
        # Not a facilitator's assignment to this project: not found.
        expect=owners(FACILITATOR_ASSIGNERS, 404),
        default=403,
        label="not a facilitation",
    ),
    Row(
        "enquiries:project_facilitator_end",
        args=lambda w: [w.project.pk, w.facilitation.pk],
        method="delete",
        default=405,
    ),
    # --- The review queue
    Row("enquiries:review_queue", expect=SIGNED_IN),
    Row("enquiries:review_queue", method="post", default=405),
]
