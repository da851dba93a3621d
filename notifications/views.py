"""A person's own notifications: list, mark one read (and go to it), mark all read;
and their email settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.http import AuthenticatedHttpRequest

from . import services
from .forms import EmailSettingsForm
from .models import Notification, NotificationPreference


@require_GET
@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Queries: the page's count and its rows; the header's unread count is one more.
    page = Paginator(request.user.notifications.all(), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@require_POST
@login_required
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Someone else's notification is simply not there: 404, as for a missing one.
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    safe = notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.url if safe else "notifications:list")


@require_POST
@login_required
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = request.user.notifications.unread().update(read_at=timezone.now())
    if count:
        messages.success(
            request, f"Marked {count} notification{'s' if count != 1 else ''} as read."
        )
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def email_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How often to email, per category. In-app notifications are not affected."""
    if request.method == "POST":
        form = EmailSettingsForm(request.POST)
        if form.is_valid():
            services.notification_preferences_update(
                user=request.user, deliveries=form.cleaned_data
            )
            messages.success(request, "Your email settings have been saved.")
            return redirect("notifications:settings")
    else:
        form = EmailSettingsForm(
            initial=NotificationPreference.objects.deliveries_for(request.user)
        )
    return render(request, "notifications/email_settings.html", {"form": form})
