"""The pictures of alignment: the initiative matrix (LA projects × key questions) and
a project's alignment map, plus the project page they hang from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from networks.models import Role, RoleAssignment

from .. import alignment_map
from ..models import (
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryLink,
    Facilitation,
    Initiative,
    Level,
    Project,
    QuestionRevision,
)
from ._common import latest_reviews

# --- Initiatives and the matrix ----------------------------------------------


def initiative_list(user):
    return (
        Initiative.objects.visible_to(user)
        .annotate(
            project_count=Count("projects", distinct=True),
            la_count=Count("participating_las", distinct=True),
        )
        .order_by("-starts_on", "name")
    )


@dataclass
class MatrixCell:
    key_question: Enquiry
    review: AlignmentReview | None
    linked_clusters: int
    # Whether the LA question names this key question among those it serves.
    served: bool


@dataclass
class MatrixRow:
    project: Project
    la_question: Enquiry | None
    cells: list[MatrixCell]


@dataclass
class InitiativeMatrix:
    initiative: Initiative
    key_questions: list[Enquiry]
    page: Page
    rows: list[MatrixRow]


def initiative_matrix(initiative: Initiative, user, page_number) -> InitiativeMatrix:
    """Every visible LA project of the initiative against its key questions.

    Queries: key questions; project count and page; the page's LA questions; the
    LA questions' links; their latest reviews; cluster links per key question.
    """
    key_questions = list(
        Enquiry.objects.filter(initiative=initiative, level=Level.NATIONAL)
        .select_related("current_revision")
        .order_by("position", "pk")
    )
    projects = (
        Project.objects.filter(initiative=initiative)
        .visible_to(user)
        .select_related("la")
        .order_by("la__name", "pk")
    )
    page = Paginator(projects, settings.PAGE_SIZE).get_page(page_number)
    project_ids = [project.pk for project in page]
    kq_ids = [kq.pk for kq in key_questions]

    la_questions = {
        enquiry.project_id: enquiry
        for enquiry in Enquiry.objects.filter(
            level=Level.LA, project_id__in=project_ids
        ).select_related("current_revision")
    }
    la_question_ids = [enquiry.pk for enquiry in la_questions.values()]
    # The LA question serves key questions through links (or, in older data, as its parent).
    served = {
        (enquiry.pk, enquiry.parent_id) for enquiry in la_questions.values() if enquiry.parent_id
    }
    served.update(
        EnquiryLink.objects.filter(
            enquiry_id__in=la_question_ids, target_id__in=kq_ids
        ).values_list("enquiry_id", "target_id")
    )
    reviews = latest_reviews(enquiry_ids=la_question_ids, target_ids=kq_ids)
    cluster_counts = {
        (project_id, target_id): count
        for project_id, target_id, count in EnquiryLink.objects.filter(
            enquiry__level=Level.CLUSTER, enquiry__project_id__in=project_ids, target_id__in=kq_ids
        )
        .values_list("enquiry__project_id", "target_id")
        .annotate(count=Count("pk"))
        .values_list("enquiry__project_id", "target_id", "count")
    }

    rows = []
    for project in page:
        la_question = la_questions.get(project.pk)
        cells = [
            MatrixCell(
                key_question=kq,
                review=reviews.get((la_question.pk, kq.pk)) if la_question else None,
                linked_clusters=cluster_counts.get((project.pk, kq.pk), 0),
                served=bool(la_question) and (la_question.pk, kq.pk) in served,  # type: ignore[union-attr]
            )
            for kq in key_questions
        ]
        rows.append(MatrixRow(project=project, la_question=la_question, cells=cells))
    return InitiativeMatrix(
        initiative=initiative, key_questions=key_questions, page=page, rows=rows
    )


# --- A project: its page and its map -------------------------------------------


@dataclass
class ClusterRow:
    participation: ClusterParticipation
    question: Enquiry | None
    review: AlignmentReview | None  # of the cluster question against the LA question
    school_questions: list[Enquiry] = field(default_factory=list)
    can_write: bool = False  # set by the view: may this person write the missing question?


@dataclass
class ProjectPage:
    project: Project
    la_question: Enquiry | None
    clusters: list[ClusterRow]
    coleaders: list[RoleAssignment]
    cluster_advisers: list[RoleAssignment]  # consultants and link advisers
    facilitators: list[Facilitation]  # the initiative's and the project's
    national_team: list[RoleAssignment]


def _attach_owners(
    questions: list[Enquiry], project: Project, participations: dict[int, ClusterParticipation]
) -> None:
    """Give a project's questions the project and cluster participations already loaded."""
    for enquiry in questions:
        if enquiry.project_id == project.pk:
            enquiry.project = project
        participation = participations.get(enquiry.cluster_participation_id)  # type: ignore[arg-type]
        if participation is not None:
            enquiry.cluster_participation = participation


def project_page(project: Project) -> ProjectPage:
    """Queries: the project's questions; its clusters; their latest reviews; its people."""
    participations = list(project.cluster_participations.select_related("cluster"))
    # The project (with its LA) and its clusters are loaded already: give them to the
    # questions rather than joining them into every row. School questions are only
    # counted here, so their schools are not read.
    questions = list(Enquiry.objects.filter(project=project).select_related("current_revision"))
    _attach_owners(questions, project, {p.pk: p for p in participations})
    la_question = next((e for e in questions if e.level == Level.LA), None)
    by_pk = {e.pk: e for e in questions}
    reviews = latest_reviews(enquiry_ids=[e.pk for e in questions if e.parent_id], known=by_pk)

    # A cluster or school question always has its cluster participation (check constraint).
    by_participation: dict[int | None, Enquiry] = {}
    schools: dict[int | None, list[Enquiry]] = defaultdict(list)
    for enquiry in questions:
        if enquiry.level == Level.CLUSTER:
            by_participation[enquiry.cluster_participation_id] = enquiry
        elif enquiry.level == Level.SCHOOL:
            schools[enquiry.cluster_participation_id].append(enquiry)
    clusters = []
    for participation in participations:
        question = by_participation.get(participation.pk)
        clusters.append(
            ClusterRow(
                participation=participation,
                question=question,
                review=reviews.get((question.pk, question.parent_id)) if question else None,  # type: ignore[arg-type]
                school_questions=schools.get(participation.pk, []),
            )
        )

    cluster_ids = [participation.cluster_id for participation in participations]
    people = list(
        RoleAssignment.objects.current()
        .filter(
            Q(role=Role.LA_COLEADER, la_id=project.la_id)
            | Q(role__in=[Role.CONSULTANT, Role.LINK_ADVISER], cluster_id__in=cluster_ids)
            | Q(role=Role.NATIONAL_FACILITATOR)
        )
        .select_related("user", "cluster")
        .order_by("role", "user__name", "pk")
    )
    facilitations = list(
        Facilitation.objects.current()
        .filter(Q(project=project) | Q(initiative_id=project.initiative_id))
        .select_related("user")
        .order_by("kind", "user__name", "pk")
    )
    return ProjectPage(
        project=project,
        la_question=la_question,
        clusters=clusters,
        coleaders=[p for p in people if p.role == Role.LA_COLEADER],
        cluster_advisers=[p for p in people if p.role in (Role.CONSULTANT, Role.LINK_ADVISER)],
        facilitators=facilitations,
        national_team=[p for p in people if p.role == Role.NATIONAL_FACILITATOR],
    )


@dataclass
class TreeItem:
    """One question in the map's text alternative, with what it serves and its children."""

    enquiry: Enquiry
    node: alignment_map.MapNode
    parent: Enquiry | None  # its home parent, if that is on the map
    home_review: AlignmentReview | None
    # (target, latest review or None) for each further question it serves.
    serves: list[tuple[Enquiry, AlignmentReview | None]] = field(default_factory=list)
    children: list[TreeItem] = field(default_factory=list)
    # For a key question: the project's questions that serve it, with their review.
    served_by: list[tuple[Enquiry, AlignmentReview | None]] = field(default_factory=list)


@dataclass
class TreeRow:
    """One question of the tree, in reading order, for a flat (not recursive) template."""

    item: TreeItem
    # After a question with no children: how many enclosing lists (and the items
    # holding them) end with it.
    closes: range


@dataclass
class ProjectMap:
    project: Project
    layout: alignment_map.MapLayout
    key_questions: list[TreeItem]
    roots: list[TreeItem]

    @property
    def tree(self) -> list[TreeRow]:
        """The roots and their descendants depth first: a template draws the nested
        lists in one loop, where an include per question cost a context each."""
        rows: list[TreeRow] = []

        def walk(items: list[TreeItem], closing: int) -> None:
            for index, item in enumerate(items):
                inherited = closing if index == len(items) - 1 else 0
                if item.children:
                    rows.append(TreeRow(item, range(0)))
                    walk(item.children, inherited + 1)
                else:
                    rows.append(TreeRow(item, range(inherited)))

        walk(self.roots, 0)
        return rows


def _node_review(enquiry: Enquiry, reviews: list[AlignmentReview]) -> AlignmentReview | None:
    """The review a node is coloured by: against its home parent, else its newest."""
    home = [review for review in reviews if review.target_id == enquiry.parent_id]
    if home:
        return home[0]
    return max(reviews, key=lambda review: (review.created_at, review.pk), default=None)


def project_map(project: Project) -> ProjectMap:
    """Queries: the questions (key questions and the project's); links; latest reviews."""
    enquiries = list(
        Enquiry.objects.filter(
            Q(project=project) | Q(initiative_id=project.initiative_id, level=Level.NATIONAL)
        ).select_related(
            "current_revision", "cluster_participation__cluster", "school_participation__school"
        )
    )
    _attach_owners(enquiries, project, {})  # the project and its LA, loaded already
    enquiries.sort(
        key=lambda e: (
            e.rank,
            e.position,
            e.label.casefold() if e.level != Level.NATIONAL else "",
            e.pk,
        )
    )
    by_pk: dict[int | None, Enquiry] = {e.pk: e for e in enquiries}
    tree_ids = [e.pk for e in enquiries if e.level != Level.NATIONAL]
    links = [
        pair
        for pair in EnquiryLink.objects.filter(enquiry_id__in=tree_ids).values_list(
            "enquiry_id", "target_id"
        )
        if pair[1] in by_pk  # a link to a question outside this map is not drawn
    ]
    # Only reviews between questions on the map are drawn or listed.
    reviews = latest_reviews(enquiry_ids=tree_ids, known=by_pk)
    reviews_of: dict[int, list[AlignmentReview]] = defaultdict(list)
    review: AlignmentReview | None
    for (enquiry_id, target_id), review in reviews.items():
        if target_id in by_pk and (
            target_id == by_pk[enquiry_id].parent_id or (enquiry_id, target_id) in links
        ):
            reviews_of[enquiry_id].append(review)

    nodes = {}
    for enquiry in enquiries:
        review = _node_review(enquiry, reviews_of[enquiry.pk])
        nodes[enquiry.pk] = alignment_map.MapNode(
            key=enquiry.pk,
            level=enquiry.level,
            label=enquiry.label,
            text=cast(QuestionRevision, enquiry.current_revision).text
            if enquiry.current_revision_id
            else "",
            status=enquiry.status,
            status_label=enquiry.get_status_display(),
            rating=review.rating if review else None,
            rating_label=review.get_rating_display() if review else "Not reviewed yet",
            stale=review.is_stale if review else False,
            parent_key=enquiry.parent_id,
            url=enquiry.get_absolute_url(),
        )
    ratings = {pair: (review.rating, review.is_stale) for pair, review in reviews.items()}
    layout = alignment_map.layout(list(nodes.values()), links, ratings)

    items = {
        e.pk: TreeItem(
            enquiry=e,
            node=nodes[e.pk],
            parent=by_pk.get(e.parent_id),
            home_review=reviews.get((e.pk, e.parent_id)) if e.parent_id else None,
        )
        for e in enquiries
    }
    for enquiry_id, target_id in links:
        items[enquiry_id].serves.append((by_pk[target_id], reviews.get((enquiry_id, target_id))))
        if by_pk[target_id].level == Level.NATIONAL:
            items[target_id].served_by.append(
                (by_pk[enquiry_id], reviews.get((enquiry_id, target_id)))
            )
    roots = []
    for enquiry in enquiries:
        if enquiry.level == Level.NATIONAL:
            continue
        parent = by_pk.get(enquiry.parent_id)
        if parent is not None and parent.level != Level.NATIONAL:
            items[parent.pk].children.append(items[enquiry.pk])
        else:
            if parent is not None:  # an LA question hung directly under a key question
                items[parent.pk].served_by.append((enquiry, reviews.get((enquiry.pk, parent.pk))))
            roots.append(items[enquiry.pk])
    return ProjectMap(
        project=project,
        layout=layout,
        key_questions=[items[e.pk] for e in enquiries if e.level == Level.NATIONAL],
        roots=roots,
    )
