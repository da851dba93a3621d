"""A project's meetings: the list (and CSV), a meeting's page and its .ics, creating
and editing one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from enquiries.models import ArchiveItem
from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest

from .. import ics, rules, services
from ..access import get_meeting_for_user, get_project_for_user
from ..forms import MeetingForm
from ..selectors.meetings import notes_view, project_meetings, with_attendee_counts
from ._common import paginate, posted, save_or_show


@require_GET
@login_required
def meeting_list(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, project_pk)
    page_obj = paginate(request, project_meetings(project))
    page_obj.object_list = with_attendee_counts(page_obj.object_list)
    context = {
        "project": project,
        "page_obj": page_obj,
        "can_manage": rules.manages_project(request.user, project),
    }
    return render(request, "meetings/meeting_list.html", context)


@require_GET
@login_required
def meeting_list_csv(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, project_pk)
    rows = (
        (
            timezone.localtime(m.starts_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(m.ends_at).strftime("%Y-%m-%d %H:%M"),
            m.get_kind_display(),
            m.title,
            m.place,
            m.link,
            "; ".join(cluster.name for cluster in m.clusters.all()),
            m.attendee_count,
            m.notes.get_state_display() if hasattr(m, "notes") else "No notes",
        )
        for m in project_meetings(project)
        .annotate(attendee_count=Count("attendees", distinct=True))
        .iterator(chunk_size=500)
    )
    header = [
        "Starts (UK time)",
        "Ends",
        "Kind",
        "Title",
        "Place",
        "Link",
        "Clusters",
        "Attendees",
        "Notes",
    ]
    return csv_response(f"{project.title} meetings", header, rows)


def _form(request, project, meeting=None) -> MeetingForm:
    initial = MeetingForm.initial_for(meeting) if meeting is not None else None
    return MeetingForm(
        posted(request),
        initial=initial,
        clusters=_project_clusters(project),
        people=services.project_people(project),
        papers=ArchiveItem.objects.filter(project=project).order_by("title", "pk"),
    )


def _project_clusters(project):
    from networks.models import Cluster

    return Cluster.objects.filter(participations__project=project).order_by("name")


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, project_pk, action="manage")
    return save_or_show(
        request,
        _form(request, project),
        lambda form: services.meeting_create(
            actor=request.user, project=project, **form.service_kwargs()
        ),
        done=lambda meeting: (
            "The meeting is added.",
            reverse("meetings:detail", args=[meeting.pk]),
        ),
        template="meetings/meeting_form.html",
        context={"project": project, "meeting": None},
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, action="manage")
    return save_or_show(
        request,
        _form(request, meeting.project, meeting),
        lambda form: services.meeting_update(
            actor=request.user, meeting=meeting, **form.service_kwargs()
        ),
        done=lambda meeting: (
            "The meeting is saved.",
            reverse("meetings:detail", args=[meeting.pk]),
        ),
        template="meetings/meeting_form.html",
        context={"project": meeting.project, "meeting": meeting},
    )


@require_GET
@login_required
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    context = {
        "meeting": meeting,
        "project": meeting.project,
        "clusters": list(meeting.clusters.order_by("name")),
        "attendees": list(meeting.attendees.order_by("name", "pk")),
        "papers": list(meeting.papers.order_by("title", "pk")),
        "can_manage": rules.manages_meeting(request.user, meeting),
        "notes_view": notes_view(request.user, meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_GET
@login_required
def meeting_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    body = ics.calendar(
        [meeting], name=meeting.title, base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
