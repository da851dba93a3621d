"""Site search: every kind of thing the person may see, grouped (networks.search)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.search import page as search_page
from networks.search.text import MIN_QUERY_LENGTH


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    results = search_page.search(
        request.user,
        request.GET.get("q", ""),
        kind=request.GET.get("kind"),
        page=request.GET.get("page", 1),
    )
    context = {
        "results": results,
        "min_length": MIN_QUERY_LENGTH,
        "group_limit": search_page.GROUP_LIMIT,
    }
    return render(request, "networks/search.html", context)
