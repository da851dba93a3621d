"""Access-matrix rows for setting up the enquiries work: an LA's project, the clusters
in it, the schools in a cluster's work and their questions, and LA-to-LA facilitators.
See matrix.py, world.py for who is who, and rows_enquiries.py for the persona groups
used here and add_set_up_objects (what these pages need).

The LA's project is set up by its co-leaders, staff and the national team, who also
bring clusters in and set their focus; the cluster lead joins them in choosing
schools; school questions are written by the cluster lead and the school's contact;
LA-to-LA facilitators are assigned and ended by staff and the national team only.

Actions that succeed, or that a service refuses with a message, redirect (302).
A form that refuses its input (a forged id, a choice not offered) answers 200.
A wrong method is refused (405) before anything else, even for anonymous visitors.

Effects (see matrix.py): each action that succeeds says what it writes, including
its audit entry; everyone else, including those told "not now" with a 302 (a draft
cannot be decided, the question exists already) and those shown a form error, must
leave the database as it was.
"""

from __future__ import annotations

from enquiries.models import (
    ClusterParticipation,
    Enquiry,
    Facilitation,
    Project,
    QuestionRevision,
    SchoolParticipation,
)
from networks.models import Role, RoleAssignment
from notifications.models import Notification

from .matrix import (
    ACTOR,
    ANONYMOUS,
    LOGIN,
    SET,
    Row,
    acting,
    audited,
    creates,
    sets,
)
from .rows_enquiries import (
    OUTSIDER_404,
    _cluster_question,
    owners,
)

SCHOOL_OWNERS = ("staff", "cluster_lead", "school_contact")
# Set up the project, bring clusters in (rules.may_manage_project).
PROJECT_MANAGERS = ("staff", "national_facilitator", "la_coleader")
# Choose the schools in a cluster's work (rules.may_manage_cluster_participation).
CLUSTER_MANAGERS = (*PROJECT_MANAGERS, "cluster_lead")
# Assign and end LA-to-LA facilitators (rules.may_assign_facilitator).
FACILITATOR_ASSIGNERS = ("staff", "national_facilitator")


ROWS: list[Row] = [
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
]
