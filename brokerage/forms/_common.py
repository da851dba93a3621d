"""What the brokerage forms share: GOV.UK layout, dates, pounds, and text checks.

Forms validate input only (every choice comes from the view, scoped to the LA, so a
forged id is a form error); the services decide whether the change is allowed and
check the input again.
"""

from __future__ import annotations

import re
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from enquiries.forms import GovDateField
from networks.text import CONTROL_CHARACTERS

from ..services._common import CONTROL_BUT_LINE_BREAKS

__all__ = [
    "GovDateField",
    "Field",
    "Size",
    "helper",
    "Line",
    "Lines",
    "PoundsField",
    "DaysField",
    "date_field",
]


def helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # templates write <form novalidate> and the button
    helper.disable_csrf = True  # ...and their own {% csrf_token %}
    helper.layout = Layout(*fields)
    return helper


def _single_line(value: str) -> None:
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError("This cannot contain line breaks, tabs or other control characters")


def _lines(value: str) -> None:
    if CONTROL_BUT_LINE_BREAKS.search(value.replace("\r\n", "\n")):
        raise ValidationError("This cannot contain control characters")


class Line(forms.CharField):
    """One line of text: control characters refused, whitespace runs collapsed."""

    def __init__(self, *, what: str, max_length: int = 200, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {what}")
        kwargs["error_messages"].setdefault(
            "max_length", f"The {what} must be {max_length} characters or fewer"
        )
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Before collapsing: str.split() would quietly turn a tab or newline into a space.
        _single_line(value)
        return " ".join(value.split())


class Lines(forms.CharField):
    """Several lines of text."""

    def __init__(self, *, what: str, max_length: int = 4000, rows: int = 4, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {what}")
        kwargs["error_messages"].setdefault(
            "max_length", f"The {what} must be {max_length} characters or fewer"
        )
        super().__init__(
            max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
        )
        self.validators.append(_lines)


MONEY_RE = re.compile(r"[0-9]{1,10}(\.[0-9]{1,2})?")
DAYS_RE = re.compile(r"[0-9]{1,5}(\.[0-9])?")


class PoundsField(forms.Field):
    """An amount in pounds: "1500", "1,500.50" and "£1500" all read as £1,500(.50)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {what}")
        super().__init__(**kwargs)

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return None
        cleaned = value.replace("£", "").replace(",", "").replace(" ", "")
        if cleaned.startswith("-"):
            raise ValidationError(f"The {self.what} cannot be negative", code="negative")
        if not MONEY_RE.fullmatch(cleaned):
            raise ValidationError(
                f"Enter the {self.what} in pounds, like 1500 or 1500.50", code="invalid"
            )
        return Decimal(cleaned)


class DaysField(forms.Field):
    """A number of days to the nearest tenth; blank is none."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return Decimal("0")
        if not DAYS_RE.fullmatch(value):
            raise ValidationError(
                "Enter the facilitation time in days, like 2 or 2.5", code="invalid"
            )
        return Decimal(value)


def date_field(what: str, *, label: str, required: bool = True, example: str = "27 3 2026"):
    return GovDateField(
        what=what, label=label, required=required, help_text=f"For example, {example}"
    )


def date_layout(name: str) -> Field:
    return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})


def check_order(form: forms.Form, starts: str = "starts_on", ends: str = "ends_on") -> None:
    cleaned = form.cleaned_data
    if cleaned.get(starts) and cleaned.get(ends) and cleaned[ends] < cleaned[starts]:
        form.add_error(ends, "The end date must be the same as or after the start date")
