"""Schools joining and leaving clusters, and cluster leads' proposals.

The school picker: a GET form searches the register by name, URN or postcode and
shows the matches as radios inside the POST form that adds the chosen school. With
JavaScript, htmx fetches the matches as you type and swaps in just the radios (the
same view answers both); without it, the Search button reloads the page. A link may
name the school in advance with `?school=URN` (the isolated-schools list does).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from networks import cluster_selectors as picker
from networks import cluster_services as services
from networks import selectors
from networks.cluster_forms import (
    JoinClusterForm,
    MembershipAddForm,
    MembershipEndForm,
    ProposalAnswerForm,
    ProposalForm,
)
from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster


def _posted(request):
    return request.POST if request.method == "POST" else None


def _picker_page(request: AuthenticatedHttpRequest, cluster: Cluster, form, template: str):
    """The page with its picker, or (htmx) just the matching schools."""
    query = request.GET.get("q", request.POST.get("q", ""))
    found = picker.pick_schools(query, cluster=cluster)
    preset = picker.chosen_school(request.GET.get("school", ""), cluster=cluster)
    if preset is not None and not found.schools:
        found.schools = [preset]
    posted_urn = str(form["school"].value() or (preset.urn if preset else ""))
    context = {"cluster": cluster, "form": form, "picker": found, "chosen_urn": posted_urn}
    wants_partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request, "networks/_school_choices.html" if wants_partial else template, context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
@login_required
def membership_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a school (of any LA) to the cluster, with its joining date."""
    cluster = selectors.get_cluster_for_user(request.user, pk, action="edit")
    form = MembershipAddForm(_posted(request), schools=picker.joinable_schools(cluster))
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            services.membership_add(
                actor=request.user,
                cluster=cluster,
                school=school,
                joined_on=form.cleaned_data["joined_on"],
                is_lead=form.cleaned_data["is_lead"],
            )
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{school.name} has joined {cluster.name}.")
            return redirect(cluster)
    return _picker_page(request, cluster, form, "networks/membership_add.html")


@require_http_methods(["GET", "POST"])
@login_required
def membership_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A cluster lead proposes a school; the host LA confirms or declines."""
    cluster = selectors.get_cluster_for_user(request.user, pk, action="propose")
    form = ProposalForm(_posted(request), schools=picker.joinable_schools(cluster))
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            services.membership_propose(
                actor=request.user, cluster=cluster, school=school, note=form.cleaned_data["note"]
            )
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"{school.name} is proposed. {cluster.host_la.name} will confirm it."
            )
            return redirect(cluster)
    return _picker_page(request, cluster, form, "networks/membership_propose.html")


@require_http_methods(["GET", "POST"])
@login_required
def membership_end(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Confirm (GET), then record (POST), that a school has left. Kept on record."""
    membership = picker.get_membership_for_user(request.user, pk, membership_pk, action="edit")
    cluster = membership.cluster
    form = MembershipEndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{membership.school.name} has left {cluster.name}.")
            return redirect(cluster)
    context = {"form": form, "cluster": cluster, "membership": membership}
    return render(request, "networks/membership_end.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def proposal_answer(request: AuthenticatedHttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """The host LA confirms or declines a cluster lead's proposal."""
    proposal = picker.get_proposal_for_user(request.user, pk, proposal_pk, action="edit")
    cluster = proposal.cluster
    form = ProposalAnswerForm(_posted(request))
    if request.method == "POST" and proposal.is_pending and form.is_valid():
        data = form.cleaned_data
        try:
            if data["answer"] == ProposalAnswerForm.CONFIRM:
                services.membership_confirm(
                    actor=request.user,
                    proposal=proposal,
                    joined_on=data["joined_on"],
                    note=data["note"],
                )
                done = f"{proposal.school.name} has joined {cluster.name}."
            else:
                services.membership_decline(
                    actor=request.user, proposal=proposal, note=data["note"]
                )
                done = f"You declined the proposal of {proposal.school.name}."
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(cluster)
    context = {"form": form, "cluster": cluster, "proposal": proposal}
    return render(request, "networks/proposal_answer.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def school_join_cluster(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    """Add one school to one of the person's clusters: from the isolated-schools list
    (its inline form posts just the cluster, joining today) or the school's page."""
    school, clusters = picker.get_school_to_place(request.user, urn)
    form = JoinClusterForm(_posted(request), clusters=clusters, school=school)
    if request.method == "POST" and form.is_valid():
        cluster = form.cleaned_data["cluster"]
        try:
            services.membership_add(
                actor=request.user,
                cluster=cluster,
                school=school,
                joined_on=form.cleaned_data["joined_on"],
                is_lead=form.cleaned_data["is_lead"],
            )
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{school.name} has joined {cluster.name}.")
            return redirect(cluster)
    return render(request, "networks/school_join_cluster.html", {"form": form, "school": school})
