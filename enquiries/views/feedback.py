"""Pages for staged feedback loops: a project's loops, setting one up or changing it
before it opens, one loop's page, a cluster's answers, and the digest.

Same shape as plans.py. A late answer is refused by the service (whatever the tick
has done), and the page says so in the service's words.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest

from .. import rules, selectors, services
from ..access import (
    get_feedback_loop_for_user,
    get_feedback_response_for_user,
    get_project_for_user,
)
from ..forms_plans import FeedbackLoopForm, FeedbackResponseForm
from ..services import EnquiryError
from .base import posted


@require_GET
@login_required
def feedback_loop_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project's feedback loops (part of its enquiry plan)."""
    project = get_project_for_user(request.user, pk)
    page = selectors.feedback_loops_of(project, page_number=request.GET.get("page"))
    context = {
        "project": project,
        "page_obj": page,
        "loops": page.object_list,
        "can_manage": rules.may_manage_project(request.user, project),
    }
    return render(request, "enquiries/feedback_loop_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def feedback_loop_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="manage")
    form = FeedbackLoopForm(
        posted(request), participations=selectors.project_participations(project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            loop = services.feedback_loop_create(
                actor=request.user, project=project, **form.service_arguments()
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            state = "is open now" if loop.has_opened else "is set up"
            messages.success(request, f"The feedback loop “{loop.title}” {state}.")
            return redirect(loop)
    context = {"form": form, "project": project, "loop": None}
    return render(request, "enquiries/feedback_loop_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def feedback_loop_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a loop's prompts, clusters or dates, until it opens."""
    loop = get_feedback_loop_for_user(request.user, pk, action="manage")
    project = loop.project
    if not loop.is_editable:
        messages.error(
            request,
            "This feedback loop has opened: its prompts, clusters and dates can no longer change.",
        )
        return redirect(loop)
    prompts = list(loop.prompts.values_list("text", flat=True))
    initial = {
        "title": loop.title,
        "opens_on": loop.opens_on,
        "closes_on": loop.closes_on,
        "audience": FeedbackLoopForm.ALL if loop.all_clusters else FeedbackLoopForm.CHOSEN,
        "clusters": list(loop.responses.values_list("cluster_participation_id", flat=True)),
        **{f"prompt_{n}": text for n, text in enumerate(prompts, 1)},
    }
    form = FeedbackLoopForm(
        posted(request),
        participations=selectors.project_participations(project),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_loop_update(actor=request.user, loop=loop, **form.service_arguments())
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The feedback loop “{loop.title}” is saved.")
            return redirect(loop)
    context = {"form": form, "project": project, "loop": loop}
    return render(request, "enquiries/feedback_loop_form.html", context)


@require_GET
@login_required
def feedback_loop_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The loop: its prompts and dates, which clusters have answered, and the answers
    this person may read."""
    loop = get_feedback_loop_for_user(request.user, pk)
    page = selectors.feedback_loop_page(loop, request.user)
    context = {
        "loop": loop,
        "project": loop.project,
        "page": page,
        "can_manage": rules.may_manage_project(request.user, loop.project),
    }
    return render(request, "enquiries/feedback_loop_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def feedback_response(
    request: AuthenticatedHttpRequest, pk: int, participation_pk: int
) -> HttpResponse:
    """A cluster's answers to the loop, written (and changed until it closes) by the
    cluster's leads."""
    response = get_feedback_response_for_user(request.user, pk, participation_pk, action="answer")
    loop = response.loop
    prompts = list(loop.prompts.all())
    initial = {
        f"answer_{prompt_id}": text
        for prompt_id, text in response.answers.values_list("prompt_id", "text")
    }
    form = FeedbackResponseForm(posted(request), prompts=prompts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_response_submit(
                actor=request.user, response=response, answers=form.cleaned_data["answers"]
            )
        except EnquiryError as error:
            messages.error(request, str(error))
            return redirect(loop)
        messages.success(
            request, f"{response.cluster_participation.cluster.name}'s answers are saved."
        )
        return redirect(loop)
    context = {
        "form": form,
        "loop": loop,
        "project": loop.project,
        "response": response,
        "cluster": response.cluster_participation.cluster,
    }
    return render(request, "enquiries/feedback_response_form.html", context)


@require_GET
@login_required
def feedback_loop_digest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every cluster's answers, prompt by prompt, once the loop has closed."""
    loop = get_feedback_loop_for_user(request.user, pk)
    digest = selectors.feedback_digest(loop) if loop.is_closed else None
    context = {"loop": loop, "project": loop.project, "digest": digest}
    return render(request, "enquiries/feedback_loop_digest.html", context)
