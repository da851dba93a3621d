"""Forms for a person's own account: their details and a new password."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from .forms import NameField


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class AccountForm(forms.Form):
    name = NameField(
        label="Full name", max_length=150, error_messages={"required": "Enter your full name"}
    )
    organisation = NameField(
        label="Organisation (optional)",
        max_length=150,
        required=False,
        help_text="For example, Essex County Council or Harlow Primary School",
    )
    job_title = NameField(label="Job title (optional)", max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name", autocomplete="name"),
            Field.text("organisation", autocomplete="organization"),
            Field.text("job_title", autocomplete="organization-title"),
        )


class NewOwnPasswordForm(PasswordChangeForm):
    """Django's form (current password, then the new one twice, validated); the view
    saves through account_services.account_password_change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. A few unrelated words make a strong password."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not right. Enter it again.",
            "password_mismatch": "The two new passwords are not the same",
        }
        self.helper = _helper("old_password", "new_password1", "new_password2")
