"""LA-to-LA facilitation visits, peer reviews, and knowledge exchange."""

from __future__ import annotations

from django import forms

from networks.models import Cluster

from ..services.facilitation import SHORT_REPORT
from ._common import Field, Line, Lines, Size, date_field, date_layout, helper


class VisitForm(forms.Form):
    visited_on = date_field("date of the visit", label="Date of the visit")
    purpose = Line(what="purpose of the visit", label="Purpose of the visit")
    report = Lines(
        what="report",
        label="Short report",
        max_length=SHORT_REPORT,
        rows=6,
        help_text="What you saw, what you discussed, and what the LA team will do next.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            date_layout("visited_on"), Field.text("purpose"), Field.textarea("report", rows=6)
        )


class PeerReviewForm(forms.Form):
    reviewed_on = date_field("date of the review", label="Date of the review")
    reviewers = Line(
        what="review team",
        label="Review team",
        max_length=300,
        help_text="Names and LAs of the peer reviewers.",
    )
    focus = Line(what="focus of the review", label="Focus")
    findings = Lines(what="findings", label="Findings", rows=5)
    recommendations = Lines(
        what="recommendations", label="Recommendations (optional)", required=False, rows=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            date_layout("reviewed_on"),
            Field.text("reviewers"),
            Field.text("focus"),
            Field.textarea("findings", rows=5),
            Field.textarea("recommendations", rows=3),
        )


class ClusterWithLa(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Cluster) -> str:
        return f"{obj.name} ({obj.host_la.name})"


class OneClusterWithLa(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cluster) -> str:
        return f"{obj.name} ({obj.host_la.name})"


class ExchangeForm(forms.Form):
    practice = Line(what="practice", label="Practice", help_text="What moved, in a few words.")
    description = Lines(what="description", label="Description (optional)", required=False, rows=3)
    source_cluster = OneClusterWithLa(
        label="Came from (optional)",
        queryset=Cluster.objects.none(),
        required=False,
        empty_label="Not one of these networks",
        error_messages={"invalid_choice": "Choose one of the networks listed"},
    )
    source_note = Line(
        what="where it came from",
        label="Came from, in words (optional)",
        required=False,
        max_length=300,
        help_text="If it came from elsewhere: a school, a conference, another LA's network.",
    )
    target_clusters = ClusterWithLa(
        label="Went to",
        queryset=Cluster.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The networks that took the practice up. Select all that apply.",
        error_messages={
            "required": "Choose the networks the practice went to",
            "invalid_choice": "Choose from the networks listed",
        },
    )
    shared_on = date_field("date", label="Date")
    how = Line(
        what="how it moved",
        label="How it moved (optional)",
        required=False,
        help_text="For example, a joint training day, visits, a shared enquiry.",
    )
    outcome = Lines(what="outcome", label="Outcome (optional)", required=False, rows=3)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_cluster"].queryset = clusters  # type: ignore[attr-defined]
        self.fields["target_clusters"].queryset = clusters  # type: ignore[attr-defined]
        self.helper = helper(
            Field.text("practice"),
            Field.textarea("description", rows=3),
            Field.select("source_cluster"),
            Field.text("source_note"),
            Field.checkboxes("target_clusters", legend_size=Size.SMALL, small=True),
            date_layout("shared_on"),
            Field.text("how"),
            Field.textarea("outcome", rows=3),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("source_cluster")
            and not cleaned.get("source_note")
            and not (self.has_error("source_cluster") or self.has_error("source_note"))
        ):
            self.add_error(
                "source_note", "Say where the practice came from: choose a network or describe it"
            )
        source, targets = cleaned.get("source_cluster"), cleaned.get("target_clusters") or []
        if source is not None and source in targets:
            self.add_error(
                "target_clusters", f"{source.name} cannot be where it came from and went to"
            )
        return cleaned
