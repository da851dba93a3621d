"""A person's own account: who they are, the roles they hold, and changing their
details or password. Apps above add what they know (facilitations) as sections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from networks import account_services as services
from networks.account_forms import AccountForm, NewOwnPasswordForm
from networks.http import AuthenticatedHttpRequest
from networks.models import RoleAssignment
from networks.sections import sections_for


@require_GET
@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = (
        RoleAssignment.objects.current()
        .filter(user=request.user)
        .select_related("la", "cluster__host_la", "school__la")
        .order_by("role", "pk")
    )
    context = {"roles": roles, "sections": sections_for("account", request.user)}
    return render(request, "networks/account.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def account_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {"name": user.name, "organisation": user.organisation, "job_title": user.job_title}
    form = AccountForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.account_update(user=user, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your details are saved." if changes else "Nothing changed.")
            return redirect("networks:account")
    return render(request, "networks/account_edit.html", {"form": form})


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewOwnPasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.account_password_change(
            user=request.user, password=form.cleaned_data["new_password1"]
        )
        # Keep this session signed in; every other session of theirs is signed out.
        update_session_auth_hash(request, request.user)
        messages.success(request, "Your password has been changed.")
        return redirect("networks:account")
    return render(request, "networks/password_change.html", {"form": form})
