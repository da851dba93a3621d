"""Enquiry work in site search: projects (by title) and enquiry questions (by words
of their current wording). Registered from EnquiriesConfig.ready() into the
register's search (networks.search), which cannot import this app.

Both start from the app's own `visible_to(user)` querysets: an outsider's project
or question is never found.
"""

from __future__ import annotations

from django.db.models import QuerySet

from networks.search.match import every_word_in, full_text, ranked_by_name
from networks.search.registry import SearchKind, register_kind
from networks.search.text import Terms

from .models import Enquiry, Project


def find_projects(user, terms: Terms) -> QuerySet[Project]:
    return ranked_by_name(
        Project.objects.visible_to(user)
        .filter(every_word_in("search_name", terms))
        .select_related("la", "initiative"),
        "search_name",
        terms,
    )


def find_questions(user, terms: Terms) -> QuerySet[Enquiry]:
    """Questions whose current wording has a word starting with each word typed."""
    return full_text(
        Enquiry.objects.visible_to(user)
        .filter(current_revision__isnull=False)
        .select_related(
            "current_revision",
            "project__la",
            "cluster_participation__cluster",
            "school_participation__school",
        ),
        "current_revision__search_text",
        terms,
    )


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
        )
    )
