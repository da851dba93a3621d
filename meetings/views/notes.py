"""A meeting's notes: writing and revising them, sending them to be checked, a
cluster's answer, and every version with what changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest

from .. import rules, services
from ..access import get_meeting_for_user
from ..forms import AnswerForm, NotesForm, SendForm
from ..selectors.meetings import versions
from ._common import posted, save_or_show


def _detail(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


@require_http_methods(["GET", "POST"])
@login_required
def notes_write(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, action="write_notes")
    notes = getattr(meeting, "notes", None)
    revising = notes is not None and not notes.is_draft
    form = NotesForm(
        posted(request), initial={"text": notes.text} if notes else None, revising=revising
    )

    def save(form):
        return services.notes_save(
            actor=request.user,
            meeting=meeting,
            text_=form.cleaned_data["text"],
            change_note=form.cleaned_data.get("change_note", ""),
            check_by=form.cleaned_data.get("check_by"),
        )

    return save_or_show(
        request,
        form,
        save,
        done=lambda notes: (
            f"Version {notes.version} of the notes is saved."
            if revising
            else "The draft notes are saved.",
            _detail(meeting),
        ),
        template="meetings/notes_form.html",
        context={"meeting": meeting, "notes": notes, "revising": revising},
    )


@require_http_methods(["GET", "POST"])
@login_required
def notes_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, action="write_notes")
    notes = getattr(meeting, "notes", None)
    if notes is None or not notes.is_draft:
        messages.info(
            request,
            "There is no draft to send."
            if notes is None
            else "These notes have already been sent.",
        )
        return redirect(_detail(meeting))
    return save_or_show(
        request,
        SendForm(posted(request)),
        lambda form: services.notes_send(
            actor=request.user, notes=notes, check_by=form.cleaned_data["check_by"]
        ),
        done=lambda notes: ("The notes are with the clusters to check.", _detail(meeting)),
        template="meetings/notes_send.html",
        context={
            "meeting": meeting,
            "notes": notes,
            "clusters": list(meeting.clusters.order_by("name")),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def notes_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A cluster's answer. After circulation it says so and changes nothing."""
    meeting = get_meeting_for_user(request.user, pk)
    notes = getattr(meeting, "notes", None)
    if notes is None or not rules.reads_notes(request.user, notes):
        raise Http404("No notes to check")
    if notes.is_circulated:
        messages.error(
            request,
            "These notes have been circulated: answers are closed, and nothing was changed.",
        )
        return redirect(_detail(meeting))
    checks = rules.checks_for(request.user, notes)
    if not checks:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = AnswerForm(posted(request), checks=checks)

    def save(form):
        return services.notes_answer(
            actor=request.user,
            check=form.cleaned_data["check"],
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )

    return save_or_show(
        request,
        form,
        save,
        done=lambda check: (
            "Thank you: your cluster confirmed the notes."
            if check.is_confirmed
            else "Your corrections are with the author.",
            _detail(meeting),
        ),
        template="meetings/notes_check.html",
        context={"meeting": meeting, "notes": notes},
    )


@require_GET
@login_required
def notes_versions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    notes = getattr(meeting, "notes", None)
    if notes is None or not rules.reads_notes(request.user, notes):
        raise Http404("No notes")
    context = {"meeting": meeting, "notes": notes, "versions": versions(notes)}
    return render(request, "meetings/notes_versions.html", context)
