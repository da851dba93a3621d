"""Pages for a project's plans: the timeline (a Gantt chart with its table, filters and
CSV), a plan item's page, adding and changing items, adding and removing milestones.

Same shape as setup.py: parse → access helper (404 for outsiders, 403 for a reader
who may not act, before the form is read) → one service call → redirect, or the form
again with the service's refusal as its error. Every choice a form offers comes from
the project, narrowed to what the person may plan for, so a forged id is a form
error and nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest
from networks.scope import scope_for

from .. import rules, selectors, services
from ..access import get_milestone_for_user, get_plan_item_for_user, get_project_for_user
from ..forms_plans import MilestoneForm, PlanItemForm, TimelineFilterForm
from ..models import PlanDependency, PlanItem, Project
from ..services import EnquiryError
from .base import posted


def _plannable(user, project: Project, participations):
    """The clusters this person plans for, and whether they plan for the project as a
    whole (its managers). No queries: the rules read the person's scope."""
    if rules.may_manage_project(user, project):
        return participations, True
    lead = scope_for(user).lead_cluster_ids
    return [p for p in participations if p.cluster_id in lead], False


def _filter(request, participations) -> tuple[TimelineFilterForm, selectors.TimelineFilter]:
    """The timeline's filter from the query string; an unknown value is a form error
    and the timeline shows everything."""
    data = (
        request.GET
        if any(request.GET.get(k) for k in ("plan", "strand", "level", "cluster"))
        else None
    )
    form = TimelineFilterForm(data, participations=participations)
    if data is None or not form.is_valid():
        return form, selectors.TimelineFilter()
    cleaned = form.cleaned_data
    return form, selectors.TimelineFilter(
        plan=cleaned["plan"],
        strand=cleaned["strand"],
        level=cleaned["level"],
        cluster=cleaned["cluster"],
    )


@require_GET
@login_required
def plan_timeline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project plan and enquiry plan as a Gantt chart, with the same items as a
    table, filtered by plan, strand, level and cluster."""
    project = get_project_for_user(request.user, pk)
    participations = selectors.project_participations(project)
    form, chosen = _filter(request, participations)
    data = selectors.timeline(
        project,
        chosen,
        page_number=request.GET.get("page"),
        today=timezone.localdate(),
        user=request.user,
        participations=participations,
    )
    plannable, project_wide = _plannable(request.user, project, participations)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "timeline": data,
        "chart": data.chart,
        "form": form,
        "filtered": not chosen.is_empty,
        "csv_url": reverse("enquiries:plan_timeline_csv", args=[project.pk])
        + (f"?{query.urlencode()}" if query else ""),
        "can_add": bool(plannable),
        "can_add_milestone": project_wide or bool(plannable),
        "project_wide": project_wide,
        "page_obj": data.page,
    }
    # htmx (the filter, changed in place) gets the results alone; a history restore
    # the whole page. Vary, so no cache hands the fragment to a plain visit.
    partial = request.htmx and not request.htmx.history_restore_request
    template = (
        "enquiries/_plan_timeline_results.html" if partial else "enquiries/plan_timeline.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def plan_timeline_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """The filtered items as CSV (all of them, not one page)."""
    project = get_project_for_user(request.user, pk)
    participations = selectors.project_participations(project)
    form, chosen = _filter(request, participations)
    if form.is_bound and not form.is_valid():
        # The page says what was wrong with the filter.
        url = reverse("enquiries:plan_timeline", args=[project.pk])
        return redirect(f"{url}?{request.GET.urlencode()}")
    today = timezone.localdate()
    rows = selectors.timeline_csv_rows(project, chosen, today=today)
    header = next(rows)
    return csv_response(f"{project.la.name}-plan-{today.isoformat()}", header, rows)


@require_GET
@login_required
def plan_item_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_plan_item_for_user(request.user, pk)
    # Queries: what it depends on, what depends on it, its milestones.
    needs = list(
        PlanItem.objects.filter(
            pk__in=PlanDependency.objects.filter(item=item).values("needs_id")
        ).order_by("starts_on", "pk")
    )
    needed_by = list(
        PlanItem.objects.filter(
            pk__in=PlanDependency.objects.filter(needs=item).values("item_id")
        ).order_by("starts_on", "pk")
    )
    milestones = list(item.milestones.order_by("on", "pk"))
    for milestone in milestones:
        milestone.item = item
        milestone.project = item.project
    today = timezone.localdate()
    context = {
        "item": item,
        "project": item.project,
        "overdue": item.is_overdue(today),
        "needs": needs,
        "needed_by": needed_by,
        "milestones": milestones,
        "can_edit": rules.may_edit_plan_item(request.user, item),
        "waiting_on": [other for other in needs if not other.is_finished],
    }
    return render(request, "enquiries/plan_item_detail.html", context)


def _item_form(request, project: Project, *, item: PlanItem | None = None, initial=None):
    participations = selectors.project_participations(project)
    plannable, project_wide = _plannable(request.user, project, participations)
    return PlanItemForm(
        posted(request),
        participations=plannable,
        project_wide=project_wide,
        people=list(selectors.project_people(project)),
        items=list(selectors.plan_item_choices(project, exclude=item)),
        initial=initial,
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_item_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add an item to the project plan or the enquiry plan."""
    project = get_project_for_user(request.user, pk, action="plan")
    initial = {"plan": request.GET.get("plan") or PlanItem.Plan.PROJECT}
    form = _item_form(request, project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.plan_item_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"“{item.title}” is in the {item.get_plan_display().lower()}."
            )
            return redirect("enquiries:plan_timeline", project.pk)
    context = {"form": form, "project": project, "item": None}
    return render(request, "enquiries/plan_item_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def plan_item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change an item: its dates, owner, status, dependencies, anything."""
    item = get_plan_item_for_user(request.user, pk, action="edit")
    project = item.project
    initial = {
        "plan": item.plan,
        "strand": item.strand,
        "level": item.level,
        "title": item.title,
        "description": item.description,
        "cluster": item.cluster_participation_id or "",
        "owner": item.owner_id or "",
        "starts_on": item.starts_on,
        "due_on": item.due_on,
        "status": item.status,
        "needs": list(PlanDependency.objects.filter(item=item).values_list("needs_id", flat=True)),
    }
    form = _item_form(request, project, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(actor=request.user, item=item, **form.cleaned_data)
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{item.title}” is saved.")
            return redirect(item)
    context = {"form": form, "project": project, "item": item}
    return render(request, "enquiries/plan_item_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def milestone_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a milestone: to the whole project (its managers), or on an item."""
    project = get_project_for_user(request.user, pk, action="plan")
    participations = selectors.project_participations(project)
    plannable, project_wide = _plannable(request.user, project, participations)
    items = selectors.plan_item_choices(project)
    if not project_wide:
        items = items.filter(cluster_participation__in=plannable)
    form = MilestoneForm(
        posted(request),
        items=list(items),
        project_wide=project_wide,
        initial={"item": request.GET.get("item", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.milestone_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The milestone “{milestone.title}” is on the timeline.")
            return redirect("enquiries:plan_timeline", project.pk)
    context = {"form": form, "project": project, "has_items": bool(form.items)}
    return render(request, "enquiries/milestone_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def milestone_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET), then remove (POST), a milestone."""
    milestone = get_milestone_for_user(request.user, pk, action="edit")
    project = milestone.project
    if request.method == "POST":
        try:
            services.milestone_delete(actor=request.user, milestone=milestone)
        except EnquiryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The milestone “{milestone.title}” is removed.")
        return redirect("enquiries:plan_timeline", project.pk)
    return render(
        request, "enquiries/milestone_delete.html", {"milestone": milestone, "project": project}
    )
