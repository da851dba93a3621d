"""The project's clusters, each with its enquiry question, how well that serves the
LA question (the latest alignment review), and its schools' questions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from enquiries.models import AlignmentReview, ClusterParticipation, Enquiry, Level, Project
from enquiries.selectors import latest_reviews

# Clusters printed at most (a county's project may have hundreds; the project page has all).
CLUSTER_LIMIT = 200


@dataclass
class ClusterEntry:
    participation: ClusterParticipation
    question: Enquiry | None
    review: AlignmentReview | None
    school_questions: int


@dataclass
class Clusters:
    rows: list[ClusterEntry]
    total: int
    rated: dict[str, int]  # rating label -> clusters

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def left_out(self) -> int:
        return self.total - len(self.rows)


def clusters(project: Project) -> Clusters:
    """Queries: the clusters; their questions; the questions' latest reviews; school
    questions per cluster. Every cluster counts in the ratings; the first
    CLUSTER_LIMIT by name are listed."""
    participations = list(
        ClusterParticipation.objects.filter(project_id=project.pk)
        .select_related("cluster")
        .order_by("cluster__name", "pk")
    )
    questions = {
        q.cluster_participation_id: q
        for q in Enquiry.objects.filter(level=Level.CLUSTER, project_id=project.pk).select_related(
            "current_revision"
        )
    }
    home = [q.pk for q in questions.values() if q.parent_id]
    reviews = latest_reviews(enquiry_ids=home)
    schools = dict(
        Enquiry.objects.filter(level=Level.SCHOOL, project_id=project.pk)
        .order_by()
        .values_list("cluster_participation_id")
        .annotate(n=Count("pk"))
        .values_list("cluster_participation_id", "n")
    )
    rows = []
    rated: dict[str, int] = {}
    for participation in participations:
        question = questions.get(participation.pk)
        review = reviews.get((question.pk, question.parent_id or 0)) if question else None
        label = review.get_rating_display() if review else "Not reviewed yet"
        rated[label] = rated.get(label, 0) + 1
        rows.append(
            ClusterEntry(
                participation=participation,
                question=question,
                review=review,
                school_questions=schools.get(participation.pk, 0),
            )
        )
    return Clusters(rows=rows[:CLUSTER_LIMIT], total=len(rows), rated=rated)
