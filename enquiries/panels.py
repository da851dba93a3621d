"""The enquiries app's panels on the home page, and its sections of the register's
pages (registered in EnquiriesConfig.ready through networks.sections)."""

from __future__ import annotations

from django.utils import timezone

from networks.panels import Panel

from .selectors import enquiry_work_for, plan_work_for
from .selectors.taking_part import cluster_work, facilitations_of, la_projects, taking_part


def enquiry_panel(user) -> Panel:
    """Questions and reviews waiting on them, and what the project plans ask of them."""
    work = enquiry_work_for(user)
    # Feedback loops to answer and plan items due (two queries).
    work.plans = plan_work_for(user, today=timezone.localdate())
    return Panel("enquiries/_my_work.html", work)


def taking_part_panel(user) -> Panel:
    """Questions to write next, and the projects and questions they take part in."""
    return Panel("enquiries/_taking_part.html", taking_part(user))


def la_projects_section(user, la) -> Panel:
    return Panel("enquiries/_la_projects.html", la_projects(user, la))


def cluster_work_section(user, cluster) -> Panel:
    return Panel("enquiries/_cluster_work.html", cluster_work(user, cluster))


def facilitations_section(user, _obj=None) -> Panel | None:
    facilitations = facilitations_of(user)
    return Panel("enquiries/_account_facilitations.html", facilitations) if facilitations else None
