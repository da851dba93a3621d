"""Forms for signing in, resetting a password and inviting people, in GOV.UK style."""

from __future__ import annotations

from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.validators import ProhibitNullCharactersValidator

from .models import Invitation, Role, RoleAssignment, User
from .models.people import ROLE_SCOPE, SCOPE_FIELDS
from .services import invitable_clusters, invitable_las, invitable_roles, invitable_schools
from .validators import refuse_control_characters


def _helper(*fields, submit: str) -> FormHelper:
    """A helper that leaves the <form> tag to the template and ends with one button."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template writes {% csrf_token %} inside its <form>
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = _helper("username", "password", submit="Sign in")

    def clean_username(self) -> str:
        # Addresses are stored lower-case (UserManager), so sign-in ignores case too.
        return self.cleaned_data["username"].lower()


class PasswordResetRequestForm(forms.Form):
    """The address to send a reset link to (networks.services.password_reset_request)."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("email", submit="Send reset link")


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm new password"
        self.helper = _helper("new_password1", "new_password2", submit="Change password")


class NameField(forms.CharField):
    """A person's name: no line breaks or other control characters, which would break
    the email headers and pages it goes into."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # Ours covers NUL too: one message, not Django's "Null characters..." as well.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]
        self.validators.append(refuse_control_characters)


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.urn})"


class InvitationForm(forms.Form):
    """Who to invite, to which role, where. Every choice is limited to what the
    inviter leads, so a forged id in the POST is simply not a valid choice."""

    name = NameField(label="Full name", max_length=150)
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect)
    la: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Local authority",
        help_text="For an LA co-leader or LA officer",
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label="Choose an LA",
    )
    cluster: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Cluster",
        help_text="For a cluster lead, cluster member, link adviser or consultant",
        queryset=None,
        required=False,
        empty_label="Choose a cluster",
    )
    school = SchoolChoiceField(
        label="School",
        help_text="For a school contact",
        queryset=None,
        to_field_name="urn",
        required=False,
        empty_label="Choose a school",
    )

    def __init__(self, *args, inviter: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        self.fields["name"].error_messages["required"] = "Enter the person's full name"
        self.fields["email"].error_messages["required"] = "Enter the person's email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )
        roles = invitable_roles(inviter)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role, Role(role).label) for role in roles
        ]
        self.fields["role"].error_messages["required"] = "Choose a role"
        cast(forms.ModelChoiceField, self.fields["la"]).queryset = invitable_las(inviter)
        cast(forms.ModelChoiceField, self.fields["cluster"]).queryset = invitable_clusters(inviter)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = invitable_schools(inviter)
        for field in ("la", "cluster", "school"):
            self.fields[field].error_messages["invalid_choice"] = (
                f"Choose a {cast(str, self.fields[field].label).lower()} from the list"
            )
        where = ["la", "cluster", "school"]
        if inviter.is_staff:
            # Staff may invite anywhere in England: 24,000 schools is no list to
            # scroll, so they type the URN instead.
            self.fields["school"].widget = forms.TextInput(attrs={"inputmode": "numeric"})
            self.fields["school"].label = "School URN"
            self.fields["school"].help_text = "For a school contact: the school's URN"
            self.fields["school"].error_messages["invalid_choice"] = (
                "Enter the URN of an open school"
            )
        self.helper = _helper(
            "name",
            "email",
            Field.radios("role", legend_size=Size.MEDIUM),
            Fieldset(*where, legend="Where", legend_size=Size.MEDIUM),
            submit="Send invitation",
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if not role:
            return cleaned
        own = ROLE_SCOPE[role]
        # Only the role's own scope counts: a choice left in another box is ignored.
        # (An invalid one is still an error: the box's own validation reported it.)
        for field in SCOPE_FIELDS:
            if field != own:
                cleaned[field] = None
        if own is None or self.has_error(own):
            return cleaned
        if cleaned.get(own) is None:
            label = self.fields[own].label.lower()
            self.add_error(own, f"Choose the {label} for the {Role(role).label.lower()}")
            return cleaned
        scope = {field: cleaned.get(field) for field in SCOPE_FIELDS}
        email = cleaned.get("email")
        if not email:
            return cleaned
        if RoleAssignment.objects.current().filter(user__email=email, role=role, **scope).exists():
            self.add_error("email", f"{email} already has this role here")
        elif Invitation.objects.pending().filter(email=email, role=role, **scope).exists():
            self.add_error(
                "email",
                f"{email} has already been invited to this role here: "
                "you can send the invitation again from your list of invitations",
            )
        return cleaned

    def scope(self) -> dict:
        return {
            field: self.cleaned_data.get(field) for field in SCOPE_FIELDS if field in self.fields
        }


class AcceptInvitationForm(forms.Form):
    name = NameField(label="Full name", max_length=150)
    password = forms.CharField(
        label="Create a password",
        help_text="At least 12 characters. A few unrelated words make a strong password.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        kwargs.setdefault("initial", {"name": invitation.name})
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["name"].error_messages["required"] = "Enter your full name"
        self.fields["password"].error_messages["required"] = "Create a password"
        self.helper = _helper("name", "password", submit="Accept and create account")

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # The person as they will be, so 'too similar to your name/email' can work.
            person = User(email=self.invitation.email, name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
