from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks import selectors


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    ctx = {
        "results": selectors.search(request.user, query),
        "limit": selectors.SEARCH_LIMIT,
        "min_length": selectors.SEARCH_MIN_LENGTH,
    }
    return render(request, "networks/search.html", ctx)
