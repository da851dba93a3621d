"""The project and its focus; how its LA research question evolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from enquiries.diff import DiffChunk, word_diff
from enquiries.models import (
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    Facilitation,
    Level,
    Project,
    QuestionRevision,
    SchoolParticipation,
)
from networks.models import Role, RoleAssignment

# Revisions printed at most (the first and the newest ones); a question has a handful.
REVISION_LIMIT = 40


@dataclass
class Focus:
    project: Project
    la_question: Enquiry | None
    clusters: int
    schools: int
    coleaders: list[str]
    facilitators: list[str]


def _la_question(project: Project) -> Enquiry | None:
    return (
        Enquiry.objects.filter(project_id=project.pk, level=Level.LA)
        .select_related("current_revision")
        .first()
    )


def focus(project: Project) -> Focus:
    """Queries: the LA question; the counts of clusters and schools; the co-leaders;
    the facilitators."""
    counts = ClusterParticipation.objects.filter(project_id=project.pk).aggregate(
        clusters=Count("pk", distinct=True)
    )
    schools = (
        SchoolParticipation.objects.filter(cluster_participation__project_id=project.pk)
        .values("school_id")
        .distinct()
        .count()
    )
    coleaders = (
        RoleAssignment.objects.current()
        .filter(role=Role.LA_COLEADER, la_id=project.la_id)
        .order_by("user__name")
        .values_list("user__name", flat=True)[:20]
    )
    facilitators = (
        Facilitation.objects.current()
        .filter(Q(project_id=project.pk) | Q(initiative_id=project.initiative_id))
        .order_by("kind", "user__name")
        .values_list("user__name", flat=True)[:20]
    )
    return Focus(
        project=project,
        la_question=_la_question(project),
        clusters=counts["clusters"],
        schools=schools,
        coleaders=list(coleaders),
        facilitators=list(facilitators),
    )


@dataclass
class RevisionStep:
    revision: QuestionRevision
    author: str
    diff: list[DiffChunk] = field(default_factory=list)  # from the revision before it


@dataclass
class QuestionHistory:
    question: Enquiry | None
    steps: list[RevisionStep]
    left_out: int  # revisions between the first and the newest not printed
    agreed_on: list  # dates the question was agreed
    changes_requested: int

    def __bool__(self) -> bool:
        return self.question is not None


def question_history(project: Project) -> QuestionHistory:
    """Every wording of the LA question (the first and the newest REVISION_LIMIT),
    each with a word diff from the one before. Queries: the question; its revision
    count and revisions; its review events."""
    question = _la_question(project)
    if question is None:
        return QuestionHistory(None, [], 0, [], 0)
    revisions = question.revisions.select_related("author").order_by("number")
    total = revisions.count()
    if total > REVISION_LIMIT:
        kept = list(revisions[:1]) + list(revisions[total - REVISION_LIMIT + 1 :])
    else:
        kept = list(revisions)
    steps = []
    previous = None
    for revision in kept:
        steps.append(
            RevisionStep(
                revision=revision,
                author=revision.author.name,
                diff=word_diff(previous.text, revision.text) if previous is not None else [],
            )
        )
        previous = revision
    events = list(
        EnquiryEvent.objects.filter(
            enquiry_id=question.pk,
            kind__in=[EnquiryEvent.Kind.AGREED, EnquiryEvent.Kind.CHANGES_REQUESTED],
        )
        .order_by("created_at", "pk")
        .values_list("kind", "created_at")
    )
    return QuestionHistory(
        question=question,
        steps=steps,
        left_out=max(total - len(kept), 0),
        agreed_on=[at for kind, at in events if kind == EnquiryEvent.Kind.AGREED],
        changes_requested=sum(kind == EnquiryEvent.Kind.CHANGES_REQUESTED for kind, _ in events),
    )
