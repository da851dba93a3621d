"""Forms for changing what is already set up: a project's focus, dates and status,
and withdrawing a question from review. Input only; the services decide."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from networks.form_fields import GovDateField

from .models import Project


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class ProjectEditForm(forms.Form):
    development_focus = forms.CharField(
        label="Development focus",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "What the LA and its clusters will do. What you want to learn from it is the "
            "LA research question, revised on its own page."
        ),
        error_messages={"required": "Describe the development focus"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Project.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the project's status",
            "invalid_choice": "Choose one of the statuses listed",
        },
    )
    starts_on = GovDateField(
        what="start date",
        label="Start date (optional)",
        required=False,
        help_text="For example, 1 9 2025",
    )
    ends_on = GovDateField(
        what="end date",
        label="End date (optional)",
        required=False,
        help_text="For example, 31 7 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("development_focus", label_size=Size.SMALL, rows=5),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Field("starts_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("ends_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return cleaned


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label="Note for the reviewers (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why you are taking it back, for example to sharpen the wording.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("comment", label_size=Size.SMALL, rows=2))
