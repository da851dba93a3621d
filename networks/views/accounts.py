"""Inviting people to roles (and again), taking an invitation up, and asking for a
password reset.

Sign-in, sign-out and the rest of password reset are Django's own views (see
urls_accounts.py), with our forms and templates.
"""

from __future__ import annotations

from typing import cast

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks import selectors, services
from networks.forms import AcceptInvitationForm, InvitationForm, PasswordResetRequestForm
from networks.http import AuthenticatedHttpRequest
from networks.models import Invitation, User

# The invitation link signs a new account straight in. Several backends are
# configured, so login() must be told which one vouches for the user.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _preselected_scope(request: AuthenticatedHttpRequest) -> dict:
    """Read ?la=CODE or ?cluster=PK: 404 if the person cannot see it (the same answer
    as for one that does not exist); 403 if they see it but may not invite there."""
    initial: dict = {}
    if code := request.GET.get("la"):
        initial["la"] = selectors.get_la_for_user(request.user, code, action="manage").code
    if pk := request.GET.get("cluster"):
        initial["cluster"] = selectors.get_cluster_for_user(request.user, pk, action="invite").pk
    return initial


@require_http_methods(["GET", "POST"])
@login_required
def invitation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = _preselected_scope(request)
    if not services.may_invite(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = InvitationForm(request.POST, inviter=request.user)
        if form.is_valid():
            services.invitation_create(
                inviter=request.user,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                **form.scope(),
            )
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}")
            return redirect("invitation_list")
    else:
        form = InvitationForm(inviter=request.user, initial=initial)
    return render(
        request,
        "networks/invitation_create.html",
        {"form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@require_GET
@login_required
def invitation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The invitations this person has sent, newest first."""
    invitations = Invitation.objects.filter(invited_by=request.user).select_related(
        "la", "cluster", "school"
    )
    page = Paginator(invitations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/invitation_list.html",
        {"page_obj": page, "may_invite": services.may_invite(request.user)},
    )


@require_POST
@login_required
def invitation_resend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The inviter sends an invitation again, with a fresh link. Someone else's
    invitation is not there for them (404)."""
    invitation = get_object_or_404(Invitation, pk=pk, invited_by=request.user)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user)
    except services.InvitationAccepted:
        messages.error(request, f"{invitation.email} has already accepted this invitation")
    else:
        messages.success(request, f"Invitation sent again to {invitation.email}")
    return redirect("invitation_list")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. Every valid request ends on the same page, whether the
    address has an account, an email was sent, or the request was throttled."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            email=form.cleaned_data["email"], client=get_client_ip_address(request) or ""
        )
        return redirect("password_reset_done")
    return render(request, "registration/password_reset_form.html", {"form": form})


def _unusable(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """Unknown links are 404; used or expired ones are 410 Gone. Nothing changes."""
    if invitation is None:
        reason, status = "unknown", 404
    elif invitation.accepted_at is not None:
        reason, status = "used", 410
    else:
        reason, status = "expired", 410
    return render(request, "networks/invitation_unusable.html", {"reason": reason}, status=status)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None or not invitation.is_usable:
        return _unusable(request, invitation)

    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # They already have an account: the role goes only to that account, signed in.
        signed_in_as_invitee = request.user.is_authenticated and request.user.pk == existing.pk
        if request.method == "POST" and signed_in_as_invitee:
            try:
                # signed_in_as_invitee: authenticated, so a User.
                services.invitation_accept(invitation=invitation, user=cast(User, request.user))
            except services.InvitationUnusable:
                invitation.refresh_from_db()
                return _unusable(request, invitation)
            messages.success(request, f"Role added: {_role_phrase(invitation)}")
            return redirect("home")
        # A POST from anyone else (signed out, or signed in as someone else) changes nothing.
        status = 200 if request.method == "GET" else 403
        return render(
            request,
            "networks/invitation_accept.html",
            {
                "invitation": invitation,
                "existing": existing,
                "signed_in_as_invitee": signed_in_as_invitee,
            },
            status=status,
        )

    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
            )
        except services.InvitationUnusable:
            invitation.refresh_from_db()
            return _unusable(request, invitation)
        except services.AccountExists:
            # An account appeared since the page loaded: show the sign-in route.
            return redirect(request.path)
        login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(request, f"Welcome. Role added: {_role_phrase(invitation)}")
        return redirect("home")
    return render(
        request, "networks/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _role_phrase(invitation: Invitation) -> str:
    return f"{invitation.get_role_display()}, {invitation.scope_label}"


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where signing out lands: says so, and offers the way back in."""
    return render(request, "registration/signed_out.html")
