"""CSV exports of the enquiry list pages. Each reads what its page reads, through the
same access check and scoped selector, so a download never shows more than the page;
rows stream from `QuerySet.iterator` where a list can grow long."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from networks.csv_export import csv_streaming_response
from networks.http import AuthenticatedHttpRequest

from .. import selectors
from ..access import get_project_for_user
from ..models import ArchiveCategory

CHUNK = 2000


@require_GET
@login_required
def initiative_list_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    header = ["Initiative", "Sponsors", "Starts", "Ends", "LAs taking part", "LA projects"]
    rows = (
        (i.name, i.sponsors, i.starts_on, i.ends_on, i.la_count, i.project_count)
        for i in selectors.initiative_list(request.user).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response("Initiatives", header, rows)


@require_GET
@login_required
def review_queue_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """Both lists of the review queue: questions awaiting this person's decision, and
    their ratings to review again."""
    user = request.user
    header = ["List", "Question of", "Level", "Initiative", "Since", "Question", "Against"]

    def rows():
        for enquiry in selectors.awaiting_review(user).iterator(chunk_size=CHUNK):
            yield (
                "Awaiting your decision",
                enquiry.label,
                enquiry.get_level_display(),
                enquiry.initiative.name,
                enquiry.status_changed_at,
                enquiry.current_revision.text if enquiry.current_revision else "",
                "",
            )
        stale = selectors.stale_reviews_by(user).select_related(*selectors.STALE_REVIEW_RELATED)
        for review in stale.iterator(chunk_size=CHUNK):
            yield (
                f"Your rating to review again ({review.get_rating_display()})",
                review.enquiry.label,
                review.enquiry.get_level_display(),
                "",
                review.created_at,
                review.enquiry.current_revision.text if review.enquiry.current_revision else "",
                review.target.label,
            )

    return csv_streaming_response("Review queue", header, rows())


@require_GET
@login_required
def project_questions_csv(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    """Every question of a project (the LA's, its clusters', their schools') with its
    status and the latest rating of each pair it is part of: the alignment map as a
    table, read from the same pairs as the map's boxes and list."""
    project = get_project_for_user(request.user, pk)
    result = selectors.project_map(project)
    header = [
        "Level",
        "Question of",
        "Status",
        "Question",
        "Answers to",
        "Rating against it",
        "Also serves (latest rating)",
    ]
    rows = []
    for node in result.layout.nodes:
        if node.is_key_question:
            continue
        home = next((pair for pair in node.pairs if pair.kind == "home"), None)
        rows.append(
            (
                node.level_label,
                node.label,
                node.status_label,
                node.text,
                home.other_label if home else "",
                home.words if home else "",
                "; ".join(
                    f"{pair.other_label}: {pair.words}"
                    for pair in node.pairs
                    if pair.kind == "link"
                ),
            )
        )
    return csv_streaming_response(f"{project.title} questions", header, rows)


@require_GET
@login_required
def feedback_loop_list_csv(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    project = get_project_for_user(request.user, pk)
    header = [
        "Feedback loop",
        "Opens",
        "Closes at the end of",
        "State",
        "Clusters asked",
        "Answered",
    ]
    rows = (
        (
            loop.title,
            loop.opens_on,
            loop.closes_on,
            loop.state_label,
            loop.asked,  # type: ignore[attr-defined]
            loop.answered,  # type: ignore[attr-defined]
        )
        for loop in selectors.feedback_loops(project).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{project.title} feedback loops", header, rows)


@require_GET
@login_required
def log_list_csv(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    """The reflective log entries this person may read (as the page), newest first."""
    project = get_project_for_user(request.user, pk)
    header = ["Date", "Written by", "Who may read it", "Entry", "Tags", "Attachments"]
    rows = (
        (
            entry.written_on,
            entry.author.name if entry.author else "",
            f"{entry.cluster.name} only"
            if entry.is_for_its_cluster and entry.cluster
            else entry.get_visibility_display(),
            entry.text,
            "; ".join(entry.tags or []),
            "; ".join(file.filename for file in entry.attachments.all()),
        )
        for entry in selectors.log_entries(project, request.user).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{project.title} reflective log", header, rows)


@require_GET
@login_required
def archive_csv(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    """The research archive's items (`?category=<slug>`: one category's), as the page."""
    project = get_project_for_user(request.user, pk)
    slug = request.GET.get("category")
    category = ArchiveCategory.objects.filter(project=project, slug=slug).first() if slug else None
    header = ["Item", "Category", "Cluster", "Latest version", "File", "Updated", "Uploaded by"]
    rows = (
        (
            item.title,
            item.category.name,
            item.cluster.name if item.cluster else "",
            item.current_version.number if item.current_version else None,
            item.current_version.filename if item.current_version else "",
            item.updated_at,
            item.uploaded_by.name if item.uploaded_by else "",
        )
        for item in selectors.archive_items(project, category).iterator(chunk_size=CHUNK)
    )
    name = f"{project.title} archive" + (f" {category.name}" if category else "")
    return csv_streaming_response(name, header, rows)
