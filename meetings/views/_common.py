"""What the meetings views share: pagination, posting, and saving through a service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect, render

from ..services import MeetingError


def paginate(request: HttpRequest, queryset) -> Page:
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def save_or_show(request, form, save, *, done, template: str, context: dict):
    """On a valid POST call `save(form)` (one service call); a MeetingError goes on the
    form and nothing is saved. `done(obj)` gives (message, where next)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            message, url = done(obj)
            messages.success(request, message)
            return redirect(url)
    return render(request, template, {"form": form, **context})
