"""Changing what is already under way: withdrawing a question from review, unlinking
a question (confirmed first, and undoable), and a project's focus, dates and status.

Same shape as the other views: access helper with the action (404 outsiders, 403
readers who may not act) → one service call → redirect or the form again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from networks.http import AuthenticatedHttpRequest

from .. import services
from ..access import get_enquiry_for_user, get_project_for_user
from ..change_forms import ProjectEditForm, WithdrawForm
from ..models import EnquiryLink
from ..services import EnquiryError
from .base import posted
from .questions import _after_review_action


@require_POST
@login_required
def enquiry_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Take a submitted question back to draft before the reviewers decide."""
    enquiry = get_enquiry_for_user(request.user, pk, action="edit")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _after_review_action(request, enquiry, withdraw_form=form)
    try:
        services.enquiry_withdraw(
            enquiry=enquiry, actor=request.user, comment=form.cleaned_data["comment"]
        )
    except EnquiryError as error:
        return _after_review_action(request, enquiry, error=str(error))
    return _after_review_action(
        request, enquiry, done="Withdrawn to draft. Revise it, then submit it again."
    )


@require_http_methods(["GET", "POST"])
@login_required
def enquiry_unlink(request: AuthenticatedHttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """Confirm (GET), then remove (POST), a link to a question it served. The page it
    returns to offers to undo it."""
    enquiry = get_enquiry_for_user(request.user, pk, action="edit")
    link = get_object_or_404(
        EnquiryLink.objects.select_related(
            "target__current_revision",
            "target__project__la",
            "target__cluster_participation__cluster",
            "target__school_participation__school",
        ),
        enquiry=enquiry,
        target_id=target_pk,
    )
    if request.method == "GET":
        return render(request, "enquiries/enquiry_unlink.html", {"enquiry": enquiry, "link": link})
    try:
        services.enquiry_unlink(enquiry=enquiry, target=link.target, actor=request.user)
    except EnquiryError as error:
        messages.error(request, str(error))
        return redirect(enquiry)
    return redirect(f"{enquiry.get_absolute_url()}?unlinked={link.target_id}")


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change the project's development focus, dates and status after set-up."""
    project = get_project_for_user(request.user, pk, action="manage")
    form = ProjectEditForm(
        posted(request),
        initial={
            "development_focus": project.development_focus,
            "status": project.status,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.project_update(
                actor=request.user, project=project, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The project is saved." if changes else "Nothing changed.")
            return redirect(project)
    return render(request, "enquiries/project_edit.html", {"form": form, "project": project})
