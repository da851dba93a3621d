"""The enquiries app's panel on the home page: questions and reviews waiting on them."""

from __future__ import annotations

from django.utils import timezone

from networks.panels import Panel

from .selectors import enquiry_work_for, plan_work_for


def enquiry_panel(user) -> Panel:
    work = enquiry_work_for(user)
    # What the project plans ask of them: feedback loops and items due (two queries).
    work.plans = plan_work_for(user, today=timezone.localdate())
    return Panel("enquiries/_my_work.html", work)
