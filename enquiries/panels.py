"""The enquiries app's panel on the home page: questions and reviews waiting on them."""

from __future__ import annotations

from networks.panels import Panel

from .selectors import enquiry_work_for


def enquiry_panel(user) -> Panel:
    return Panel("enquiries/_my_work.html", enquiry_work_for(user))
