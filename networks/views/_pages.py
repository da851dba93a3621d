"""Small helpers the networks views share."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from networks.http import HtmxHttpRequest


def paginate(request: HttpRequest, queryset) -> Page:
    """One page of `queryset`; a missing or bad page number gives the first or last page."""
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def render_full_or_partial(
    request: HtmxHttpRequest, template: str, partial: str, context: dict
) -> HttpResponse:
    """The whole page, or just the results when htmx asks for them in place.

    A history restore asks for the whole page even though it comes from htmx.
    Vary on HX-Request so a cache never hands the fragment to a plain visit.
    """
    wants_partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, partial if wants_partial else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
