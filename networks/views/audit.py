"""The audit trail: every change the services made, newest first.

Staff see every entry and may narrow it to one LA; an LA's co-leaders see their LA's
trail; anyone else signed in is told it is not theirs to read (403).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks import selectors
from networks.http import AuthenticatedHttpRequest

from ._pages import paginate


@require_GET
@login_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    trail = selectors.audit_trail(request.user, la_code=request.GET.get("la", ""))
    if trail is None:
        raise PermissionDenied
    context = {"trail": trail, "page_obj": paginate(request, trail.entries)}
    return render(request, "networks/audit_log.html", context)
