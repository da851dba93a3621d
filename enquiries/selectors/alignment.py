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
    """One question in the map's text alternative: its box (whose pairs the list
    repeats, so the two cannot disagree) and its children."""

    enquiry: Enquiry
    node: alignment_map.MapNode
    children: list[TreeItem] = field(default_factory=list)


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


def _pair(other: Enquiry, kind: str, review: AlignmentReview | None) -> alignment_map.MapPair:
    return alignment_map.MapPair(
        other_key=other.pk,
        other_label=other.label,
        kind=kind,
        rating=review.rating if review else None,
        rating_label=review.get_rating_display() if review else alignment_map.NOT_REVIEWED,
        stale=review.is_stale if review else False,
        other_url=other.get_absolute_url(),
    )


def project_map(project: Project, *, order_by_key_questions: bool = True) -> ProjectMap:
    """Queries: the questions (key questions and the project's); links; latest reviews.

    Each pair of questions shown gets one `MapPair` with its latest review; the box
    and the list both read those pairs.
    """
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
    order = {e.pk: index for index, e in enumerate(enquiries)}
    by_pk: dict[int | None, Enquiry] = {e.pk: e for e in enquiries}
    tree_ids = [e.pk for e in enquiries if e.level != Level.NATIONAL]
    links = sorted(
        (
            pair
            for pair in EnquiryLink.objects.filter(enquiry_id__in=tree_ids).values_list(
                "enquiry_id", "target_id"
            )
            if pair[1] in by_pk  # a link to a question outside this map is not drawn
        ),
        key=lambda pair: (order[pair[0]], order[pair[1]]),
    )
    # Only reviews between questions on the map are listed: read bare, given the
    # questions already loaded.
    reviews = latest_reviews(enquiry_ids=tree_ids, known=by_pk)

    pairs: dict[int, list[alignment_map.MapPair]] = defaultdict(list)
    served_by: dict[int, list[tuple[int, alignment_map.MapPair]]] = defaultdict(list)
    for enquiry in enquiries:
        parent = by_pk.get(enquiry.parent_id)
        if enquiry.level != Level.NATIONAL and parent is not None:
            review = reviews.get((enquiry.pk, parent.pk))
            pairs[enquiry.pk].append(_pair(parent, "home", review))
            if parent.level == Level.NATIONAL:  # an LA question hung under a key question
                served_by[parent.pk].append(
                    (order[enquiry.pk], _pair(enquiry, "served_by", review))
                )
    for enquiry_id, target_id in links:
        review = reviews.get((enquiry_id, target_id))
        target = by_pk[target_id]
        pairs[enquiry_id].append(_pair(target, "link", review))
        if target.level == Level.NATIONAL:
            served_by[target_id].append(
                (order[enquiry_id], _pair(by_pk[enquiry_id], "served_by", review))
            )
    for target_id, found in served_by.items():
        pairs[target_id] = [pair for _, pair in sorted(found, key=lambda item: item[0])]

    nodes = {
        enquiry.pk: alignment_map.MapNode(
            key=enquiry.pk,
            level=enquiry.level,
            label=enquiry.label,
            text=cast(QuestionRevision, enquiry.current_revision).text
            if enquiry.current_revision_id
            else "",
            status=enquiry.status,
            status_label=enquiry.get_status_display(),
            parent_key=enquiry.parent_id,
            url=enquiry.get_absolute_url(),
            level_label=enquiry.get_level_display(),
            pairs=pairs[enquiry.pk],
        )
        for enquiry in enquiries
    }
    ratings = {pair: (review.rating, review.is_stale) for pair, review in reviews.items()}
    layout = alignment_map.layout(
        list(nodes.values()), links, ratings, order_by_key_questions=order_by_key_questions
    )

    items = {e.pk: TreeItem(enquiry=e, node=nodes[e.pk]) for e in enquiries}
    roots = []
    # The list follows the picture's order, top to bottom.
    for enquiry in sorted(enquiries, key=lambda e: (e.rank, nodes[e.pk].y, order[e.pk])):
        if enquiry.level == Level.NATIONAL:
            continue
        parent = by_pk.get(enquiry.parent_id)
        if parent is not None and parent.level != Level.NATIONAL:
            items[parent.pk].children.append(items[enquiry.pk])
        else:
            roots.append(items[enquiry.pk])
    return ProjectMap(
        project=project,
        layout=layout,
        key_questions=[items[e.pk] for e in enquiries if e.level == Level.NATIONAL],
        roots=roots,
    )
