"""The private calendar feed: its settings page (make, regenerate, stop) and the feed
itself, which works without a session: the secret in the URL is the key, and a
stopped or unknown one answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest

from .. import ics, services
from ..models import CalendarFeed
from ..models.calendar import token_hash
from ..selectors.meetings import feed_meetings


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "regenerate":
            token = services.calendar_feed_regenerate(actor=request.user)
            # Shown this once, in the answer to the POST; only its hash is kept.
            url = request.build_absolute_uri(reverse("meetings:calendar_feed", args=[token]))
            feed = CalendarFeed.objects.get(user=request.user)
            return render(
                request, "meetings/calendar_settings.html", {"feed": feed, "feed_url": url}
            )
        elif action == "revoke":
            if services.calendar_feed_revoke(actor=request.user):
                messages.success(
                    request, "Your calendar feed is stopped. Its address no longer works."
                )
        else:
            messages.error(request, "Choose to make a new address or to stop the feed.")
        return redirect("meetings:calendar_settings")
    return render(request, "meetings/calendar_settings.html", {"feed": feed, "feed_url": None})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = (
        CalendarFeed.objects.filter(token_hash=token_hash(token)).select_related("user").first()
        if 20 <= len(token) <= 100
        else None
    )
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar")
    body = ics.calendar(
        feed_meetings(feed.user),
        name="My meetings (Enquiry Networks)",
        base_url=request.build_absolute_uri("/")[:-1],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
