"""Reflective log pages: a project's log (the entries the person may read), writing
an entry, the project's logging cadence, an attachment's download, and a person's
own reminder settings. Same shape as the other views: parse → access helper (404
for outsiders, 403 for a reader who may not act) → one service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster

from .. import selectors, services
from ..access import get_project_for_user
from ..access_logs import get_log_attachment_for_user
from ..forms_logs import LogCadenceForm, LogEntryForm, LogReminderForm
from ..models import LogReminderPreference
from ..periods import current_period
from ..rules import may_manage_project
from ..rules_logs import may_write_log
from ..services import EnquiryError
from ..services.logs import cadence_of, log_clusters
from .base import posted
from .files import download


@require_GET
@login_required
def log_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project's reflective log: every entry this person may read, newest first."""
    project = get_project_for_user(request.user, pk)
    cadence = cadence_of(project)
    can_write = may_write_log(request.user, project)
    context = {
        "project": project,
        "page_obj": selectors.log_entries_page(project, request.user, request.GET.get("page")),
        "cadence": cadence,
        "period": current_period(cadence),
        "written": (
            selectors.has_written_this_period(request.user, project, cadence) if can_write else None
        ),
        "can_write": can_write,
        "can_manage": may_manage_project(request.user, project),
    }
    return render(request, "enquiries/log_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def log_entry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="write_log")
    clusters = list(Cluster.objects.filter(pk__in=log_clusters(request.user, project)))
    form = LogEntryForm(posted(request), request.FILES or None, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.log_entry_create(
                actor=request.user,
                project=project,
                text=data["text"],
                written_on=data["written_on"],
                tags=data["tags"],
                visibility=data["visibility"],
                cluster=data.get("cluster"),
                attachments=[(upload.name, upload) for upload in data["attachments"]],
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your log entry is saved.")
            return redirect("enquiries:log_list", project.pk)
    return render(request, "enquiries/log_entry_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@login_required
def log_cadence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """How often the project's people are asked for an entry (its co-leaders choose)."""
    project = get_project_for_user(request.user, pk, action="manage")
    form = LogCadenceForm(posted(request), initial={"cadence": cadence_of(project)})
    if request.method == "POST" and form.is_valid():
        try:
            services.log_cadence_update(
                actor=request.user, project=project, cadence=form.cleaned_data["cadence"]
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The logging cadence is saved.")
            return redirect("enquiries:log_list", project.pk)
    return render(request, "enquiries/log_cadence.html", {"form": form, "project": project})


@require_GET
@login_required
def log_attachment_download(request: AuthenticatedHttpRequest, pk: int):
    return download(get_log_attachment_for_user(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def log_reminder_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person's own reminders: on or off, and a snooze."""
    preference = LogReminderPreference.objects.filter(user=request.user).first()
    initial = {"reminders": "off" if preference and preference.opted_out else "on"}
    form = LogReminderForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.log_reminder_preferences_update(
            user=request.user,
            opted_out=form.cleaned_data["reminders"] == "off",
            snooze=form.cleaned_data["snooze"],
        )
        messages.success(request, "Your reminder settings are saved.")
        return redirect("enquiries:log_reminder_settings")
    context = {
        "form": form,
        "preference": preference,
        "due": selectors.logs_due_for(request.user),
    }
    return render(request, "enquiries/log_reminder_settings.html", context)
