"""Recording a brokerage activity."""

from __future__ import annotations

from django import forms

from networks.models import Cluster

from ..models.choices import activity_choices
from ._common import Field, Line, Lines, Size, date_field, date_layout, helper


class ActivityForm(forms.Form):
    activity = forms.ChoiceField(
        label="Activity",
        choices=[("", "Choose an activity"), *activity_choices()],
        help_text=(
            "Grouped by the five brokerage roles. Choose “other” for work that fits none of them."
        ),
        error_messages={
            "required": "Choose the activity",
            "invalid_choice": "Choose one of the activities listed",
        },
    )
    summary = Line(what="summary of what happened", label="What happened")
    happened_on = date_field("date of the activity", label="Date")
    people = Lines(
        what="people involved",
        label="People involved (optional)",
        required=False,
        max_length=1000,
        rows=2,
        help_text="Names and roles, for example “Heads of the five schools; the link adviser”.",
    )
    clusters = forms.ModelMultipleChoiceField(
        label="Clusters (optional)",
        queryset=Cluster.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The networks the activity was for. Their people will see it.",
        error_messages={"invalid_choice": "Choose from the clusters listed"},
    )
    outcome = Lines(what="outcome", label="Outcome (optional)", required=False, rows=3)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = clusters  # type: ignore[attr-defined]
        self.helper = helper(
            Field.select("activity"),
            Field.text("summary"),
            date_layout("happened_on"),
            Field.textarea("people", rows=2),
            Field.checkboxes("clusters", legend_size=Size.SMALL, small=True),
            Field.textarea("outcome", rows=3),
        )

    def clean_activity(self) -> tuple[str, str]:
        role, _, activity = self.cleaned_data["activity"].partition("/")
        return role, activity

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["role"], data["activity"] = data.pop("activity")
        return data
