"""Reads for the enquiry pages, each a fixed number of queries however much data.

Lists are built from querysets scoped to the person (the `*_q` helpers below say in
SQL what enquiries/rules.py says in Python, and tests hold the two together). The
latest alignment review of each (enquiry, target) pair comes from one query with a
correlated subquery, never a query per pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When

from networks.models import Cluster, LocalAuthority, Role, RoleAssignment, School
from networks.scope import scope_for

from . import alignment_map
from .models import (
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Initiative,
    Project,
    QuestionRevision,
    SchoolParticipation,
)
from .rules import LA_OFFICER_ROLES, may_create_any_project, visible_initiative_ids

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _ProjectId(TypedDict):
        project_id: int | None


Level = Enquiry.Level
Status = Enquiry.Status
Pair = tuple[int, int]

# Everything Enquiry.label reads, so a label costs no query.
LABEL_RELATED = ("project__la", "cluster_participation__cluster", "school_participation__school")
ENQUIRY_RELATED = ("current_revision", *LABEL_RELATED)


def _related(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in ENQUIRY_RELATED]


def _on(prefix: str):
    """Build Q objects on a related enquiry: _on("enquiry__")(level="la")."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return q


# --- Who sees, owns and reviews what, as querysets ---------------------------


def visible_projects_q(user, prefix: str = "") -> Q:
    q = _on(prefix)
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    return (
        q(la_id__in=scope.la_ids)
        | q(pk__in=scope.project_ids)
        | q(initiative_id__in=scope.initiative_ids)
    )


def visible_initiatives(user) -> QuerySet[Initiative]:
    ids = visible_initiative_ids(user)
    initiatives = Initiative.objects.all()
    return initiatives if ids is None else initiatives.filter(pk__in=ids)


def owned_q(user, prefix: str = "") -> Q:
    """Questions whose level the person writes (rules.owns_enquiry), staff not counted."""
    q = _on(prefix)
    scope = scope_for(user)
    national = q(level=Level.NATIONAL)
    if not scope.national_team:
        national &= q(initiative_id__in=scope.facilitated_initiative_ids)
    return (
        national
        | q(level=Level.LA, project__la_id__in=scope.coleader_la_ids)
        | q(level=Level.CLUSTER, cluster_participation__cluster_id__in=scope.lead_cluster_ids)
        | (
            q(level=Level.SCHOOL)
            & (
                q(cluster_participation__cluster_id__in=scope.lead_cluster_ids)
                | q(school_participation__school_id__in=scope.school_ids)
            )
        )
    )


def reviewable_q(user, prefix: str = "") -> Q:
    """Questions the person may decide and rate (rules.may_review_enquiry)."""
    q = _on(prefix)
    if not (user.is_authenticated and user.is_active):
        return q(pk__in=[])
    scope = scope_for(user)
    if user.is_staff or scope.national_team:
        return Q()
    return (
        ~q(level=Level.NATIONAL)
        & ~owned_q(user, prefix)
        & (
            q(initiative_id__in=scope.facilitated_initiative_ids)
            | q(project_id__in=scope.facilitated_project_ids)
            | (~q(level=Level.LA) & q(project__la_id__in=scope.coleader_la_ids))
        )
    )


# --- Latest alignment reviews ------------------------------------------------


def _newest_review_pk() -> Subquery:
    return Subquery(
        AlignmentReview.objects.filter(enquiry=OuterRef("enquiry"), target=OuterRef("target"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def latest_reviews(
    *, enquiry_ids: Iterable[int], target_ids: Iterable[int] | None = None
) -> dict[Pair, AlignmentReview]:
    """The newest review of each (enquiry, target) pair, in one query.

    Enquiry and target come joined in, so `review.is_stale` costs nothing.
    """
    reviews = AlignmentReview.objects.filter(enquiry_id__in=list(enquiry_ids))
    if target_ids is not None:
        reviews = reviews.filter(target_id__in=list(target_ids))
    reviews = reviews.filter(pk=_newest_review_pk()).select_related("enquiry", "target", "reviewer")
    return {(review.enquiry_id, review.target_id): review for review in reviews}


def _newer_review_exists() -> Exists:
    """A later review of the same pair exists (ties on time broken by id).

    Excluding it keeps each pair's newest review; as an anti-join it is several
    times faster than comparing every row with a "newest id" subquery.
    """
    later = Q(created_at__gt=OuterRef("created_at")) | Q(
        created_at=OuterRef("created_at"), pk__gt=OuterRef("pk")
    )
    return Exists(
        AlignmentReview.objects.filter(
            enquiry=OuterRef("enquiry"), target=OuterRef("target")
        ).filter(later)
    )


def stale_q(prefix: str = "") -> Q:
    """Reviews where either side has a newer revision than the one judged."""
    return ~Q(**{f"{prefix}revision_id": F(f"{prefix}enquiry__current_revision_id")}) | ~Q(
        **{f"{prefix}target_revision_id": F(f"{prefix}target__current_revision_id")}
    )


STALE_REVIEW_RELATED = ("reviewer", *_related("enquiry"), *_related("target"))


def stale_reviews_by(user) -> QuerySet[AlignmentReview]:
    """Pairs whose newest review is this person's and is out of date, oldest first.

    Only pairs the person may still review: someone who has moved on is not asked.
    Bare rows: load the ones shown with `with_related` (see there for why).
    """
    return (
        AlignmentReview.objects.filter(reviewer=user)
        .exclude(_newer_review_exists())
        .filter(stale_q())
        .filter(reviewable_q(user, "enquiry__"))
        .order_by("created_at", "pk")
    )


def with_related(rows, related: Iterable[str]) -> list:
    """The same rows, in order, reloaded with their related objects in one query.

    For long filtered lists (a national facilitator may have hundreds of stale
    reviews): joining a dozen tables for every match before sorting and cutting to
    one page costs far more than picking the page on bare rows and joining only it.
    """
    ids = [row.pk for row in rows]
    if not ids:
        return []
    found = type(rows[0]).objects.select_related(*related).in_bulk(ids)
    return [found[pk] for pk in ids]


# --- Initiatives and the matrix ----------------------------------------------


def initiative_list(user) -> QuerySet[Initiative]:
    return (
        visible_initiatives(user)
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
        .filter(visible_projects_q(user))
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
    facilitators: list[RoleAssignment]  # national and LA-to-LA


def project_page(project: Project) -> ProjectPage:
    """Queries: the project's questions; its clusters; their latest reviews; its people."""
    questions = list(Enquiry.objects.filter(project=project).select_related(*ENQUIRY_RELATED))
    la_question = next((e for e in questions if e.level == Level.LA), None)
    participations = list(project.cluster_participations.select_related("cluster"))
    reviews = latest_reviews(enquiry_ids=[e.pk for e in questions if e.parent_id])

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
            | Q(role=Role.LA_FACILITATOR, project_id=project.pk)
            | Q(role=Role.NATIONAL_FACILITATOR, initiative_id=project.initiative_id)
            | Q(role=Role.NATIONAL_FACILITATOR, initiative__isnull=True)
        )
        .select_related("user", "cluster")
        .order_by("role", "user__name", "pk")
    )
    return ProjectPage(
        project=project,
        la_question=la_question,
        clusters=clusters,
        coleaders=[p for p in people if p.role == Role.LA_COLEADER],
        cluster_advisers=[p for p in people if p.role in (Role.CONSULTANT, Role.LINK_ADVISER)],
        facilitators=[
            p for p in people if p.role in (Role.NATIONAL_FACILITATOR, Role.LA_FACILITATOR)
        ],
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
class ProjectMap:
    project: Project
    layout: alignment_map.MapLayout
    key_questions: list[TreeItem]
    roots: list[TreeItem]


LEVEL_ORDER: dict[str, int] = {Level.NATIONAL: 0, Level.LA: 1, Level.CLUSTER: 2, Level.SCHOOL: 3}


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
        ).select_related(*ENQUIRY_RELATED)
    )
    enquiries.sort(
        key=lambda e: (
            LEVEL_ORDER[e.level],
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
    reviews = latest_reviews(enquiry_ids=tree_ids)
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


# --- One enquiry ---------------------------------------------------------------


@dataclass
class Served:
    """A question this enquiry answers to (home parent or link), or one answering to it."""

    enquiry: Enquiry
    review: AlignmentReview | None
    is_home: bool


@dataclass
class EnquiryPage:
    enquiry: Enquiry
    serves: list[Served]  # home parent first, then links
    served_by: list[Served]  # questions answering to this one
    events: list[EnquiryEvent]
    revisions: list[QuestionRevision]


def serves_of(enquiry: Enquiry) -> list[Served]:
    """Its home parent, then the questions it links to, each with its latest review.

    Queries: the questions; their reviews.
    """
    targets = list(
        Enquiry.objects.filter(Q(pk=enquiry.parent_id) | Q(linked_from__enquiry=enquiry))
        .select_related(*ENQUIRY_RELATED)
        .distinct()
    )
    targets.sort(key=lambda e: (e.pk != enquiry.parent_id, LEVEL_ORDER[e.level], e.position, e.pk))
    reviews = latest_reviews(enquiry_ids=[enquiry.pk])
    serves = [
        Served(enquiry=t, review=reviews.get((enquiry.pk, t.pk)), is_home=t.pk == enquiry.parent_id)
        for t in targets
    ]
    return serves


def enquiry_page(enquiry: Enquiry) -> EnquiryPage:
    """Queries: what it serves (2); what serves it (2); the thread; the revisions."""
    serves = serves_of(enquiry)
    children = list(
        Enquiry.objects.filter(Q(parent=enquiry) | Q(links__target=enquiry))
        .select_related(*ENQUIRY_RELATED)
        .distinct()
    )
    children.sort(key=lambda e: (LEVEL_ORDER[e.level], e.label.casefold(), e.pk))
    child_reviews = latest_reviews(enquiry_ids=[c.pk for c in children], target_ids=[enquiry.pk])
    served_by = [
        Served(
            enquiry=c,
            review=child_reviews.get((c.pk, enquiry.pk)),
            is_home=c.parent_id == enquiry.pk,
        )
        for c in children
    ]
    events = list(enquiry.events.select_related("actor", "revision"))
    revisions = list(enquiry.revisions.select_related("author").order_by("number"))
    return EnquiryPage(
        enquiry=enquiry, serves=serves, served_by=served_by, events=events, revisions=revisions
    )


def link_candidates(enquiry: Enquiry) -> QuerySet[Enquiry]:
    """Questions above this one it could also serve: key questions, and its own project's."""
    above = [level for level, rank in LEVEL_ORDER.items() if rank < LEVEL_ORDER[enquiry.level]]
    return (
        Enquiry.objects.filter(initiative_id=enquiry.initiative_id, level__in=above)
        .filter(Q(level=Level.NATIONAL) | Q(project_id=enquiry.project_id))
        .exclude(pk=enquiry.parent_id or 0)
        .exclude(linked_from__enquiry=enquiry)
        .select_related(*ENQUIRY_RELATED)
        .order_by("level", "position", "pk")
    )


def served_target(enquiry: Enquiry, target_pk) -> Enquiry | None:
    """The home parent or a linked question with this pk, loaded for labels; else None."""
    return (
        Enquiry.objects.filter(pk=target_pk)
        .filter(Q(pk=enquiry.parent_id or 0) | Q(linked_from__enquiry=enquiry))
        .select_related(*ENQUIRY_RELATED)
        .first()
    )


# --- Review queue and "my work" ----------------------------------------------


def awaiting_review(user) -> QuerySet[Enquiry]:
    """Submitted questions this person may decide, the longest-waiting first."""
    return (
        Enquiry.objects.filter(status=Status.SUBMITTED)
        .filter(reviewable_q(user))
        .select_related("initiative", *ENQUIRY_RELATED)
        .order_by("status_changed_at", "pk")
    )


@dataclass
class ReviewQueue:
    awaiting: Page
    stale: Page


def review_queue(user, *, page_number, stale_page_number) -> ReviewQueue:
    """Queries: a count and a page for each of the two lists."""
    size = settings.PAGE_SIZE
    return ReviewQueue(
        awaiting=Paginator(awaiting_review(user), size).get_page(page_number),
        stale=_page_with_related(
            stale_reviews_by(user), STALE_REVIEW_RELATED, stale_page_number, size
        ),
    )


def _page_with_related(queryset, related, page_number, size) -> Page:
    page = Paginator(queryset, size).get_page(page_number)
    page.object_list = with_related(list(page.object_list), related)
    return page


@dataclass
class EnquiryWork:
    """What needs this person's attention on enquiry questions, for "My work"."""

    own_questions: list[Enquiry]  # the questions they write, those needing them first
    awaiting_review: list[Enquiry]
    awaiting_review_count: int
    stale_reviews: list[AlignmentReview]
    stale_review_count: int

    @property
    def to_act_on(self) -> list[Enquiry]:
        """Their drafts, and questions sent back with changes requested."""
        return [e for e in self.own_questions if e.status in YOUR_MOVE]

    @property
    def is_empty(self) -> bool:
        return not (self.own_questions or self.awaiting_review_count or self.stale_review_count)


# The owner's move: a draft to finish, or changes the reviewers asked for.
YOUR_MOVE = (Status.CHANGES_REQUESTED, Status.DRAFT)
_OWN_QUESTION_ORDER = Case(
    When(status=Status.CHANGES_REQUESTED, then=0),
    When(status=Status.DRAFT, then=1),
    When(status=Status.SUBMITTED, then=2),
    default=3,
)


MY_WORK_LIMIT = 5


def enquiry_work_for(user, *, limit: int = MY_WORK_LIMIT) -> EnquiryWork:
    """Queries: the person's own open questions; a count and the first few of each list."""
    own_questions = list(
        Enquiry.objects.filter(owned_q(user))
        .select_related("initiative", *ENQUIRY_RELATED)
        # Changes requested first (the reviewers are waiting), then drafts, then
        # questions with the reviewers, then agreed ones.
        .order_by(_OWN_QUESTION_ORDER, "status_changed_at", "pk")[:20]
    )
    awaiting = awaiting_review(user)
    stale = stale_reviews_by(user)
    return EnquiryWork(
        own_questions=own_questions,
        awaiting_review=list(awaiting[:limit]),
        awaiting_review_count=awaiting.count(),
        stale_reviews=with_related(list(stale[:limit]), STALE_REVIEW_RELATED),
        stale_review_count=stale.count(),
    )


def questions_above(project: Project, level: str) -> list[Enquiry]:
    """For a new question at `level` in `project`: the questions it could answer to."""
    above = [lvl for lvl, rank in LEVEL_ORDER.items() if 0 < rank < LEVEL_ORDER[level]]
    questions = list(
        Enquiry.objects.filter(
            Q(initiative_id=project.initiative_id, level=Level.NATIONAL)
            | Q(project=project, level__in=above)
        ).select_related(*ENQUIRY_RELATED)
    )
    # The nearest level first: that is the home parent.
    questions.sort(key=lambda e: (-LEVEL_ORDER[e.level], e.position, e.pk))
    return questions


# --- Setting up projects, clusters, schools and facilitators ------------------


def project_set_up_las(
    initiative: Initiative, user
) -> QuerySet[WithAnnotations[LocalAuthority, _ProjectId]]:
    """LAs taking part in the initiative that this person may set up a project for,
    each with `project_id`: its project in the initiative, if it has one.

    The national team, staff and the initiative's facilitators: every LA taking
    part. An LA co-leader: the LAs they co-lead. LAs that already have a project
    are included, so a form can say so rather than "not one of the choices".
    """
    las = initiative.participating_las.annotate(
        project_id=Subquery(
            Project.objects.filter(initiative=initiative, la=OuterRef("pk")).values("pk")[:1]
        )
    ).order_by("name", "pk")
    if may_create_any_project(user, initiative):
        return las
    return las.filter(pk__in=scope_for(user).coleader_la_ids)


def las_without_project(initiative: Initiative, user) -> list[LocalAuthority]:
    """The LAs this person co-leads that take part in the initiative and have no
    project in it yet: the "Set up your LA's project" links. No query for someone
    who co-leads no LA."""
    coleader_la_ids = scope_for(user).coleader_la_ids
    if not coleader_la_ids:
        return []
    return list(
        initiative.participating_las.filter(pk__in=coleader_la_ids)
        .exclude(projects__initiative=initiative)
        .order_by("name", "pk")
    )


def joinable_clusters(project: Project) -> QuerySet[Cluster]:
    """Active clusters hosted by the project's LA that are not in the project yet."""
    return (
        Cluster.objects.active()
        .filter(host_la_id=project.la_id)
        .exclude(participations__project=project)
        .order_by("name", "pk")
    )


def joinable_schools(participation: ClusterParticipation) -> QuerySet[School]:
    """The cluster's current member schools (one school may take part more than once,
    for different teachers, so none is left out for being in already)."""
    members = participation.cluster.memberships.active().values("school_id")
    return School.objects.filter(pk__in=members).order_by("name", "pk")


@dataclass
class SchoolRow:
    school_participation: SchoolParticipation
    question: Enquiry | None
    can_write: bool = False  # set by the view


@dataclass
class ParticipationPage:
    participation: ClusterParticipation
    question: Enquiry | None  # the cluster's question
    schools: list[SchoolRow]


def participation_page(participation: ClusterParticipation) -> ParticipationPage:
    """Queries: the cluster's and its schools' questions; the schools taking part."""
    questions = list(
        Enquiry.objects.filter(cluster_participation=participation).select_related(*ENQUIRY_RELATED)
    )
    cluster_question = next((e for e in questions if e.level == Level.CLUSTER), None)
    by_school = {e.school_participation_id: e for e in questions if e.level == Level.SCHOOL}
    school_participations = list(
        participation.school_participations.select_related("school").order_by(
            "school__name", "teacher_name", "pk"
        )
    )
    for school_participation in school_participations:
        # The access helper loaded the participation; spare a query per school.
        school_participation.cluster_participation = participation
    return ParticipationPage(
        participation=participation,
        question=cluster_question,
        schools=[
            SchoolRow(school_participation=sp, question=by_school.get(sp.pk))
            for sp in school_participations
        ],
    )


def facilitator_candidates(project: Project) -> list[RoleAssignment]:
    """Current LA co-leader and officer roles in other LAs, one row per role, whose
    holders are not officers of the project's own LA and do not facilitate it yet.

    One query; ordered by LA, then name, for a chooser grouped by LA.
    """
    own_la_officers = RoleAssignment.objects.current().filter(
        role__in=LA_OFFICER_ROLES, la_id=project.la_id
    )
    facilitating = RoleAssignment.objects.current().filter(
        role=Role.LA_FACILITATOR, project=project
    )
    return list(
        RoleAssignment.objects.current()
        .filter(role__in=LA_OFFICER_ROLES, user__is_active=True)
        .exclude(la_id=project.la_id)
        .exclude(user__in=own_la_officers.values("user_id"))
        .exclude(user__in=facilitating.values("user_id"))
        .select_related("user", "la")
        .order_by("la__name", "user__name", "role", "pk")
    )


def project_facilitations(project: Project) -> list[RoleAssignment]:
    """The project's current LA-to-LA facilitators, with who assigned them."""
    return list(
        RoleAssignment.objects.current()
        .filter(role=Role.LA_FACILITATOR, project=project)
        .select_related("user", "granted_by")
        .order_by("user__name", "pk")
    )
