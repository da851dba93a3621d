from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_GET

from config.health import readyz
from config.home import home


@require_GET
def healthz(request):
    """Liveness for load balancers, and the benchmark's floor: no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_required
def floor(request):
    """The benchmark's signed-in floor: session, user, unread count and the base
    layout, nothing else. Every page does at least this much work."""
    return render(request, "floor.html")


urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("floor/", floor, name="floor"),
    path("readyz/", readyz, name="readyz"),
    path("", home, name="home"),
    path("", include("networks.urls")),
    path("accounts/", include("networks.urls_accounts")),
    path("", include("enquiries.urls")),
    path("brokerage/", include("brokerage.urls")),
    path("", include("meetings.urls")),
    path("", include("evidence.urls")),
    path("", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
