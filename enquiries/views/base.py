"""Small helpers the enquiry views share."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (no box ticked), else None.

    `request.POST or None` would take an empty POST for no submission at all, and
    show the form again without saving or saying why.
    """
    return request.POST if request.method == "POST" else None
