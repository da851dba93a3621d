from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from enquiries.selectors import enquiry_work_for
from networks.selectors import my_work


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """'My work': what needs this person's attention, by role."""
    ctx = {"work": my_work(request.user), "enquiry_work": enquiry_work_for(request.user)}
    return render(request, "networks/home.html", ctx)
