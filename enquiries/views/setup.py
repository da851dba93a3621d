"""Pages for setting up the levels below the initiative in the browser: an LA's
project, the clusters in it, the schools in a cluster's work, and the project's
LA-to-LA facilitators.

Same shape as questions.py: parse → access helper (404 for outsiders, 403 for a
reader who may not act, checked before the form is read) → one service call →
redirect, or the form again with the service's refusal as its error. Every choice
a form offers comes from a selector scoped to the object, so a forged id is a form
error and nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest
from networks.rules import may_create_cluster_in

from .. import selectors, services
from ..access import (
    get_facilitation_for_user,
    get_initiative_for_user,
    get_participation_for_user,
    get_project_for_user,
)
from ..forms import ClusterJoinForm, FacilitatorForm, FocusForm, ProjectForm, SchoolJoinForm
from ..models import Enquiry
from ..rules import may_manage_cluster_participation, may_manage_project
from ..selectors.people import la_names_of
from ..services import EnquiryError
from .base import posted

# --- An LA's project -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def project_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Set up an LA's project in the initiative, optionally with its first question.

    `?la=<code>` (the initiative page's link) chooses the LA in advance.
    """
    initiative = get_initiative_for_user(request.user, pk)
    las = list(selectors.project_set_up_las(initiative, request.user))
    if not las:
        raise PermissionDenied
    initial = {}
    chosen = next((la for la in las if la.code == request.GET.get("la")), None)
    if chosen is not None and chosen.project_id is not None and request.method == "GET":
        messages.info(request, f"{chosen.name} already has a project in {initiative.name}.")
        return redirect("enquiries:project_detail", chosen.project_id)
    if chosen is not None:
        initial["la"] = str(chosen.pk)
    form = ProjectForm(posted(request), las=las, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{project.la.name}'s project is set up.")
            return redirect(project)
    context = {
        "form": form,
        "initiative": initiative,
        "open_las": [la for la in las if la.project_id is None],
        "set_up_las": [la for la in las if la.project_id is not None],
    }
    return render(request, "enquiries/project_form.html", context)


# --- Clusters in a project ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def cluster_join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Bring one of the LA's active clusters into its project."""
    project = get_project_for_user(request.user, pk, action="manage")
    form = ClusterJoinForm(posted(request), clusters=selectors.joinable_clusters(project))
    if request.method == "POST" and form.is_valid():
        try:
            participation = services.cluster_join_project(
                actor=request.user, project=project, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{participation.cluster.name} has joined the project.")
            return redirect(project)
    # A ModelChoiceField whose queryset the form sets in __init__.
    has_choices = bool(form.fields["cluster"].queryset.exists())  # type: ignore[attr-defined]
    context = {
        "form": form,
        "project": project,
        "has_choices": has_choices,
        # No cluster left to add: the way on is setting one up.
        "can_create_cluster": may_create_cluster_in(request.user, project.la),
    }
    return render(request, "enquiries/cluster_join.html", context)


@require_GET
@login_required
def participation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A cluster's part in a project: its focus, its question, and its schools' questions."""
    participation = get_participation_for_user(request.user, pk)
    page = selectors.participation_page(participation)
    user = request.user
    project = participation.project
    for row in page.schools:
        row.can_write = row.question is None and user.has_perm(
            "enquiries.edit_enquiry",
            Enquiry(
                level=Enquiry.Level.SCHOOL,
                initiative=project.initiative,
                project=project,
                cluster_participation=participation,
                school_participation=row.school_participation,
            ),
        )
    context = {
        "page": page,
        "participation": participation,
        "project": project,
        "can_manage": may_manage_project(user, project),
        "can_add_school": may_manage_cluster_participation(user, participation),
    }
    return render(request, "enquiries/participation_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def participation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a cluster's Every Child Matters focus and kinds of networking."""
    participation = get_participation_for_user(request.user, pk, action="manage")
    form = FocusForm(
        posted(request),
        initial={
            "ecm_outcomes": participation.ecm_outcomes,
            "networking_kinds": participation.networking_kinds,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_participation_update(
                actor=request.user, cluster_participation=participation, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{participation.cluster.name}'s focus is saved.")
            return redirect("enquiries:participation_detail", participation.pk)
    context = {"form": form, "participation": participation, "project": participation.project}
    return render(request, "enquiries/participation_edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def school_join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Bring one of the cluster's member schools (or one teacher there) into its work."""
    participation = get_participation_for_user(request.user, pk, action="add_school")
    form = SchoolJoinForm(posted(request), schools=selectors.joinable_schools(participation))
    if request.method == "POST" and form.is_valid():
        try:
            school_participation = services.school_join_cluster(
                actor=request.user, cluster_participation=participation, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{school_participation} now takes part.")
            return redirect("enquiries:participation_detail", participation.pk)
    # A ModelChoiceField whose queryset the form sets in __init__.
    has_choices = bool(form.fields["school"].queryset.exists())  # type: ignore[attr-defined]
    context = {
        "form": form,
        "participation": participation,
        "project": participation.project,
        "has_choices": has_choices,
    }
    return render(request, "enquiries/school_join.html", context)


# --- LA-to-LA facilitators -------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def project_facilitators(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project's LA-to-LA facilitators, and a form to assign one from another LA."""
    project = get_project_for_user(request.user, pk, action="assign_facilitator")
    form = FacilitatorForm(posted(request), candidates=selectors.facilitator_candidates(project))
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.project_assign_facilitator(project=project, user=person, actor=request.user)
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{person} now facilitates this project.")
            return redirect("enquiries:project_facilitators", project.pk)
    facilitations = selectors.project_facilitations(project)
    context = {
        "form": form,
        "project": project,
        "facilitations": facilitations,
        "facilitator_las": la_names_of(f.user_id for f in facilitations),
    }
    return render(request, "enquiries/project_facilitators.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def project_facilitator_end(
    request: AuthenticatedHttpRequest, pk: int, assignment_pk: int
) -> HttpResponse:
    """Confirm (GET), then end (POST), an LA-to-LA facilitator's assignment."""
    facilitation = get_facilitation_for_user(request.user, pk, assignment_pk)
    project = facilitation.project
    assert project is not None  # get_facilitation_for_user: a facilitation of project pk
    if request.method == "POST":
        try:
            services.facilitation_end(facilitation=facilitation, actor=request.user)
        except EnquiryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{facilitation.user} no longer facilitates this project.")
        return redirect("enquiries:project_facilitators", project.pk)
    context = {"facilitation": facilitation, "project": project}
    return render(request, "enquiries/project_facilitator_end.html", context)
