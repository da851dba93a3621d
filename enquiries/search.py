"""Enquiry work in site search: projects (by title) and enquiry questions (by words
of their current wording). Registered from EnquiriesConfig.ready() into the
register's search (networks.search), which cannot import this app.

Both start from the app's own definition of who sees what (`Project.objects.visible_to`,
`access_q.visible_enquiries`): an outsider's project or question is never found.
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from networks.search.match import every_word_in, full_text, ranked_by_name
from networks.search.registry import SearchKind, register_kind
from networks.search.text import Terms

from . import access_q
from .models import Enquiry, Project, QuestionRevision


def find_projects(user, terms: Terms) -> QuerySet[Project]:
    return ranked_by_name(
        Project.objects.visible_to(user)
        .filter(every_word_in("search_name", terms))
        .select_related("la", "initiative"),
        "search_name",
        terms,
    )


def find_questions(user, terms: Terms) -> QuerySet[QuestionRevision]:
    """The current wordings of the questions the person sees that have a word starting
    with each word typed (each row is a wording; its question is `row.enquiry`).

    Searched from the wordings' side, so PostgreSQL starts from the full-text index
    and joins each match to its question, rather than building a text vector for
    every question it may show. Only the question is joined here: what names its
    owner is read for the rows shown (label_questions), as joining six more tables
    into the search tripled its planning and running time at national scale."""
    return full_text(
        QuestionRevision.objects.filter(
            access_q.visible_enquiries(user, "enquiry__"), enquiry__current_revision=F("pk")
        ).select_related("enquiry"),
        "search_text",
        terms,
    )


def label_questions(rows: list[QuestionRevision]) -> None:
    """Give the wordings shown their questions with what `Enquiry.label` reads: one
    query."""
    enquiries = Enquiry.objects.select_related(
        "project__la", "cluster_participation__cluster", "school_participation__school"
    ).in_bulk({row.enquiry_id for row in rows})
    for row in rows:
        row.enquiry = enquiries[row.enquiry_id]


def register() -> None:
    register_kind(
        SearchKind(
            "projects",
            "Projects",
            "project",
            "projects",
            "enquiries/search/_project.html",
            find_projects,
            40,
        )
    )
    register_kind(
        SearchKind(
            "questions",
            "Enquiry questions",
            "enquiry question",
            "enquiry questions",
            "enquiries/search/_question.html",
            find_questions,
            50,
            decorate=label_questions,
        )
    )
