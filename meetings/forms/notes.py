"""Writing, sending and checking a meeting's notes."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from enquiries.forms import GovDateField

from ..models import ClusterCheck
from ._common import helper


def check_by_field(required: bool) -> GovDateField:
    return GovDateField(
        what="check-by date",
        label="Clusters check by" + ("" if required else " (only if the date has passed)"),
        required=required,
        help_text=(
            "After this day the notes go to every cluster, unless a correction is open. "
            "For example, 20 10 2026"
        ),
    )


class NotesForm(forms.Form):
    text = forms.CharField(
        label="Notes",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="What was discussed and agreed: the cluster's focus, networking and question.",
        error_messages={"required": "Write the notes"},
    )
    change_note = forms.CharField(
        label="What changed (optional)",
        max_length=300,
        required=False,
        help_text="For the clusters, for example “Corrected the transition dates”.",
    )

    def __init__(self, *args, revising: bool, **kwargs):
        super().__init__(*args, **kwargs)
        layout = [Field.textarea("text", rows=14)]
        if revising:
            self.fields["check_by"] = check_by_field(required=False)
            layout += [
                Field.text("change_note"),
                Field("check_by", context={"legend_size": Size.for_legend(Size.SMALL)}),
            ]
        else:
            del self.fields["change_note"]
        self.helper = helper(*layout)


class SendForm(forms.Form):
    check_by = check_by_field(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field("check_by", context={"legend_size": Size.for_legend(Size.SMALL)})
        )


class AnswerForm(forms.Form):
    check = forms.ModelChoiceField(
        label="For which cluster",
        queryset=ClusterCheck.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose your cluster",
            "invalid_choice": "Choose one of your clusters listed",
        },
    )
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ClusterCheck.Answer.CONFIRMED, "Confirm: the notes are right"),
            (ClusterCheck.Answer.CORRECTIONS, "Ask for corrections"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to confirm or ask for corrections"},
    )
    comment = forms.CharField(
        label="Corrections (needed if you ask for them)",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, checks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].queryset = ClusterCheck.objects.filter(
            pk__in=[c.pk for c in checks]
        ).select_related("cluster")  # type: ignore[attr-defined]
        self.fields["check"].label_from_instance = lambda check: check.cluster.name  # type: ignore[attr-defined]
        if len(checks) == 1:
            self.fields["check"].initial = checks[0].pk
        self.helper = helper(
            Field.radios("check", legend_size=Size.SMALL, small=True),
            Field.radios("answer", legend_size=Size.SMALL, small=True),
            Field.textarea("comment", rows=4),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("answer") == ClusterCheck.Answer.CORRECTIONS
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", "Say what needs correcting")
        return cleaned
