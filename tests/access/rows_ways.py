"""Access-matrix rows for changing clusters and their membership, the account pages,
withdrawing a question and changing a project. See matrix.py, and world.py for who
is who.

Who changes a cluster (networks.rules.manages_members): the host LA's co-leaders and
officers, and staff. For Essex's clusters that is la_coleader, la_officer and staff;
Northamptonshire's (other_cluster) are changed by its co-leader (the outsider), its
officer (la_facilitator) and staff. A cluster lead proposes a school for the LA to
confirm. Others who see the cluster get 403; those who do not, 404.
"""

from __future__ import annotations

from networks.models import Cluster, Membership, MembershipProposal

from .matrix import ANONYMOUS, LOGIN, SET, SIGNED_IN, Row, acting, audited, creates, sets
from .world import PERSONAS, extend_world
from .world_enquiries import add_enquiry_links  # noqa: F401  (registers the extension)

ESSEX_MANAGERS = ("staff", "la_coleader", "la_officer")


@extend_world
def add_membership_objects(w) -> None:
    """An isolated Essex school, and a proposal (by the cluster lead) that Corby
    Primary join the Harlow cluster."""
    from tests.factories import SchoolFactory

    w.spare_school = SchoolFactory(name="Epping Primary", la=w.la, urn=115001)
    w.membership = Membership.objects.get(cluster=w.cluster, school=w.school)
    w.other_membership = Membership.objects.get(cluster=w.other_cluster, school=w.other_school)
    w.proposal = MembershipProposal.objects.create(
        cluster=w.cluster, school=w.other_school, proposed_by=w.users["cluster_lead"]
    )


def essex(answer, *names) -> dict:
    """Essex's cluster: `answer` for `names`; the outsider does not see it (404)."""
    return {ANONYMOUS: LOGIN, "outsider": 404, **{name: answer for name in names}}


def _cluster(name, *, get=200, post=None, data=None, args=None, effects=None) -> list[Row]:
    """GET and POST (if given) for the Essex managers, and a PUT refused."""
    args = args or (lambda w: [w.cluster.pk])
    rows = [Row(name, args=args, expect=essex(get, *ESSEX_MANAGERS), default=403)]
    if post is not None:
        rows.append(
            Row(
                name,
                args=args,
                method="post",
                data=data,
                expect=essex(post, *ESSEX_MANAGERS),
                default=403,
                effects=acting(ESSEX_MANAGERS, *effects) if effects else {},
            )
        )
    rows.append(Row(name, args=args, method="put", default=405))
    return rows


ROWS: list[Row] = [
    # --- Setting up a cluster: officers of some LA (or staff) may open the form.
    Row(
        "networks:cluster_create",
        expect={
            ANONYMOUS: LOGIN,
            **{p: 200 for p in (*ESSEX_MANAGERS, "la_facilitator", "outsider")},
        },
        default=403,
    ),
    Row(
        "networks:cluster_create",
        query={"la": "881"},
        # Essex chosen in advance: its officers; the outsider does not see Essex.
        expect=essex(200, *ESSEX_MANAGERS),
        default=403,
        label="Essex",
    ),
    Row(
        "networks:cluster_create",
        method="post",
        data=lambda w: {"host_la": w.la.pk, "name": "Epping Forest Schools", "kind": "cluster"},
        expect={
            ANONYMOUS: LOGIN,
            **{p: 302 for p in ESSEX_MANAGERS},
            # Officers of Northamptonshire: Essex is not one of their choices.
            "la_facilitator": 200,
            "outsider": 200,
        },
        default=403,
        effects=acting(
            ESSEX_MANAGERS,
            creates(Cluster, name="Epping Forest Schools", host_la=lambda w: w.la),
            audited("networks.cluster.created"),
        ),
    ),
    Row("networks:cluster_create", method="put", default=405),
    # --- Its details and lead school
    *_cluster(
        "networks:cluster_edit",
        post=302,
        data=lambda w: {"name": "Harlow Learning Partnership", "kind": "partnership"},
        effects=(
            sets(lambda w: w.cluster, name="Harlow Learning Partnership"),
            audited("networks.cluster.changed"),
        ),
    ),
    Row(
        "networks:cluster_edit",
        args=lambda w: [w.other_cluster.pk],
        expect={
            ANONYMOUS: LOGIN,
            "staff": 200,
            "outsider": 200,
            "la_facilitator": 200,
            "national_facilitator": 403,
        },
        default=404,
        label="other LA",
    ),
    # Harlow Primary already leads: a refusal shown on the form (200), nothing changes.
    *_cluster("networks:cluster_lead", post=200, data=lambda w: {"membership": w.membership.pk}),
    # --- Members: any LA's school may join; leaving keeps the record
    *_cluster(
        "networks:membership_add",
        post=302,
        data=lambda w: {"school": w.spare_school.urn},
        effects=(
            creates(Membership, cluster=lambda w: w.cluster, school=lambda w: w.spare_school),
            audited("networks.membership.added"),
        ),
    ),
    Row(
        "networks:membership_add",
        args=lambda w: [w.cluster.pk],
        query={"q": "Corby"},
        headers={"HTTP_HX_REQUEST": "true"},
        expect=essex(200, *ESSEX_MANAGERS),
        default=403,
        label="htmx search",
    ),
    Row(
        "networks:membership_add",
        args=lambda w: [w.cluster.pk],
        method="post",
        # A forged URN (no such school) is a form error; nothing joins.
        data=lambda w: {"school": "999999"},
        expect=essex(200, *ESSEX_MANAGERS),
        default=403,
        label="no such school",
    ),
    *_cluster(
        "networks:membership_end",
        post=302,
        data=lambda w: {},
        args=lambda w: [w.cluster.pk, w.membership.pk],
        effects=(sets(lambda w: w.membership, left_on=SET), audited("networks.membership.ended")),
    ),
    Row(
        "networks:membership_end",
        # Another cluster's membership through this cluster's address: not found.
        args=lambda w: [w.cluster.pk, w.other_membership.pk],
        expect=essex(404, *ESSEX_MANAGERS),
        default=403,
        label="another cluster's",
    ),
    # --- Proposals: the cluster lead asks, the LA answers
    Row(
        "networks:membership_propose",
        args=lambda w: [w.cluster.pk],
        expect=essex(200, "cluster_lead"),
        default=403,
    ),
    Row(
        "networks:membership_propose",
        args=lambda w: [w.cluster.pk],
        method="post",
        data=lambda w: {"school": w.spare_school.urn, "note": "They asked to join."},
        expect=essex(302, "cluster_lead"),
        default=403,
        effects=acting(
            ("cluster_lead",),
            creates(MembershipProposal, school=lambda w: w.spare_school),
            audited("networks.membership.proposed"),
        ),
    ),
    Row(
        "networks:membership_propose",
        args=lambda w: [w.cluster.pk],
        method="put",
        default=405,
    ),
    *_cluster(
        "networks:proposal_answer",
        post=302,
        data=lambda w: {"answer": "confirm"},
        args=lambda w: [w.cluster.pk, w.proposal.pk],
        effects=(
            creates(Membership, cluster=lambda w: w.cluster, school=lambda w: w.other_school),
            audited("networks.membership.confirmed"),
        ),
    ),
    # --- A school joining from its own side (the isolated-schools list)
    Row(
        "networks:school_join_cluster",
        args=lambda w: [w.spare_school.urn],
        # The Northamptonshire officer may bring an Essex school into Corby's cluster.
        expect=essex(200, *ESSEX_MANAGERS, "la_facilitator"),
        default=403,
    ),
    Row(
        "networks:school_join_cluster",
        args=lambda w: [w.spare_school.urn],
        method="post",
        data=lambda w: {"cluster": w.spare_cluster.pk},
        # Epping's cluster is not one the Northamptonshire officer may choose.
        expect={**essex(302, *ESSEX_MANAGERS), "la_facilitator": 200},
        default=403,
        effects=acting(
            ESSEX_MANAGERS,
            creates(Membership, cluster=lambda w: w.spare_cluster, school=lambda w: w.spare_school),
            audited("networks.membership.added"),
        ),
    ),
    Row(
        "networks:school_join_cluster",
        args=lambda w: [w.spare_school.urn],
        method="put",
        default=405,
    ),
    # --- One's own account
    Row("networks:account", expect=SIGNED_IN),
    Row("networks:account", method="post", default=405),
    Row("networks:account_edit", expect=SIGNED_IN),
    Row(
        "networks:account_edit",
        method="post",
        data=lambda w: {"name": "A New Name", "organisation": "", "job_title": ""},
        expect=SIGNED_IN,
        default=302,
        effects=acting(
            [p for p in PERSONAS if p != ANONYMOUS], audited("networks.account.changed")
        ),
    ),
    Row("networks:account_edit", method="put", default=405),
    Row("networks:password_change", expect=SIGNED_IN),
    Row(
        "networks:password_change",
        method="post",
        # The wrong current password: the form says so, nothing changes.
        data=lambda w: {
            "old_password": "not it",
            "new_password1": "a long new password here",
            "new_password2": "a long new password here",
        },
        expect=SIGNED_IN,
    ),
    Row("networks:password_change", method="put", default=405),
    # --- Withdrawing a question, changing a project
    Row(
        "enquiries:enquiry_withdraw",
        args=lambda w: [w.enquiry_cluster.pk],
        method="post",
        # A draft has nothing to withdraw: its writers are told so (302); others refused.
        expect={ANONYMOUS: LOGIN, "outsider": 404, "staff": 302, "cluster_lead": 302},
        default=403,
    ),
    Row("enquiries:enquiry_withdraw", args=lambda w: [w.enquiry_cluster.pk], default=405),
    Row(
        "enquiries:project_edit",
        args=lambda w: [w.project.pk],
        expect={
            ANONYMOUS: LOGIN,
            "outsider": 404,
            **{p: 200 for p in ("staff", "national_facilitator", "la_coleader")},
        },
        default=403,
    ),
    Row(
        "enquiries:project_edit",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"development_focus": "Transition work.", "status": "active"},
        expect={
            ANONYMOUS: LOGIN,
            "outsider": 404,
            **{p: 302 for p in ("staff", "national_facilitator", "la_coleader")},
        },
        default=403,
        effects=acting(
            ("staff", "national_facilitator", "la_coleader"),
            sets(lambda w: w.project, development_focus="Transition work."),
            audited("enquiries.project.changed"),
        ),
    ),
    Row("enquiries:project_edit", args=lambda w: [w.project.pk], method="put", default=405),
]
