"""Signing in and out, resetting a password, and invitations (no namespace: Django's
auth views reverse names like "password_reset_done" without one)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .forms import NewPasswordForm, SignInForm
from .views import accounts, exports

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="sign_in",
    ),
    # Django's LogoutView accepts only POST (and OPTIONS): a link cannot sign anyone out.
    path(
        "sign-out/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("signed_out")),
        name="sign_out",
    ),
    path("signed-out/", accounts.signed_out, name="signed_out"),
    # Ours, not Django's PasswordResetView: the email goes through the outbox, made
    # at send time, and requests are throttled (networks.services.password_reset_request).
    path("password-reset/", accounts.password_reset, name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitations/", accounts.invitation_list, name="invitation_list"),
    path("invitations.csv", exports.invitation_list_csv, name="invitation_list_csv"),
    # Before the token pattern, so "new" is never read as a token.
    path("invitations/new/", accounts.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/resend/", accounts.invitation_resend, name="invitation_resend"),
    path("invitations/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
]
