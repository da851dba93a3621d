"""'My work', the home page: composed here, above the apps, from each app's panel.

Each panel is a function (user) -> Panel or None, owned by its app; the page shows
them in the order below. An app adds to the home page by adding a panel here, not
by reaching into another app's view.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brokerage.panels import brokerage_panel
from enquiries.panels import enquiry_panel, taking_part_panel
from meetings.panels import meetings_panel
from networks.http import AuthenticatedHttpRequest
from networks.panels import Panel, proposals_panel, register_panel

# What to do next first (questions to write, proposals to answer, reviews), then
# where the person takes part, then the LA's brokerage.
PANELS = (
    taking_part_panel,
    proposals_panel,
    meetings_panel,
    enquiry_panel,
    register_panel,
    brokerage_panel,
)


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What needs this person's attention, by role, a panel per app."""
    panels: list[Panel] = [panel for build in PANELS if (panel := build(request.user)) is not None]
    return render(request, "home.html", {"panels": panels})
