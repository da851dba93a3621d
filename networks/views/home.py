from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.selectors import my_work


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """'My work': what needs this person's attention, by role."""
    return render(request, "networks/home.html", {"work": my_work(request.user)})
