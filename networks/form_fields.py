"""Form fields shared by every app's forms (the apps above import them from here)."""

from __future__ import annotations

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.validators import RegexValidator


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) with messages that name the date.

    The library's own field turns a half-filled optional date into no date at all,
    and reports an impossible one in Python's words; both are fixed here.
    """

    def __init__(self, *, what: str, **kwargs):
        super().__init__(**kwargs)
        self.what = what
        self.error_messages["required"] = f"Enter the {what}"
        self.error_messages["incomplete"] = f"The {what} must include a day, month and year"
        for part in self.fields:
            part.validators = [RegexValidator(r"^[0-9]+$", f"The {what} must be a real date")]

    def compress(self, data_list):
        parts = [str(part or "").strip() for part in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = parts
        if len(year) != 4:
            raise forms.ValidationError(f"The year of the {self.what} must include 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"The {self.what} must be a real date") from None
