"""Forms for evidence, codes, baselines and key drivers. Forms validate input (every
choice comes from the view, scoped to the project, so a forged id is a form error);
the services decide whether the change is allowed and check the input again."""

from __future__ import annotations

from django import forms

from brokerage.forms._common import Field, Line, Lines, Size, date_field, date_layout, helper

from .models import Code, EvidenceItem, Rating

RATING_CHOICES = [("", "No rating"), *[(str(value), label) for value, label in Rating.choices]]


class CodeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Code) -> str:
        group = "" if obj.project_id else f"{obj.get_group_display()}: "
        return f"{group}{obj.name}"


class EvidenceForm(forms.Form):
    quote = Lines(
        what="quoted passage",
        label="Quoted passage (optional)",
        required=False,
        rows=4,
        help_text="Copy the words that are the evidence, or leave blank to code the whole source.",
    )
    codes = CodeChoices(
        label="Codes",
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="What this is evidence of: choose one or more.",
        error_messages={
            "required": "Choose at least one code",
            "invalid_choice": "Choose codes from this project's codebook",
            "invalid_pk_value": "Choose codes from this project's codebook",
        },
    )
    cluster: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Cluster (optional)",
        queryset=None,
        required=False,
        empty_label="The project as a whole",
        error_messages={"invalid_choice": "Choose one of this project's clusters"},
    )
    note = Lines(
        what="note",
        label="Why this is evidence (optional)",
        required=False,
        rows=3,
    )

    def __init__(self, *args, codes, clusters=None, cluster_optional=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = codes  # type: ignore[attr-defined]
        layout = [Field.textarea("quote", rows=4), Field.checkboxes("codes", small=True)]
        if clusters is None:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = clusters  # type: ignore[attr-defined]
            if not cluster_optional:
                self.fields["cluster"].required = True
                self.fields["cluster"].label = "Cluster"
                self.fields["cluster"].empty_label = "Choose your cluster"
                self.fields["cluster"].error_messages["required"] = "Choose your cluster"
            layout.append(Field.select("cluster"))
        layout.append(Field.textarea("note", rows=3))
        self.helper = helper(*layout)


class CodeForm(forms.Form):
    name = Line(what="code name", label="Name of the code", max_length=120)
    parent = forms.ModelChoiceField(
        label="Under (optional)",
        queryset=Code.objects.none(),
        required=False,
        empty_label="At the top of the codebook",
        error_messages={"invalid_choice": "Choose a code from this project's codebook"},
    )
    memo = Lines(
        what="memo",
        label="Memo (optional)",
        required=False,
        rows=4,
        help_text="What the code means, when to use it, and what you have noticed.",
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.helper = helper(Field.text("name"), Field.select("parent"), Field.textarea("memo"))


class MemoForm(forms.Form):
    memo = Lines(what="memo", label="Memo", required=False, rows=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("memo", rows=6))


def _rating_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Rating (optional)",
        choices=RATING_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text="A judgement beside the description, never instead of it.",
        error_messages={"invalid_choice": "Choose a rating from the list"},
    )


class BaselineForm(forms.Form):
    cluster_participation: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Cluster",
        queryset=None,
        empty_label="Choose a cluster",
        error_messages={
            "required": "Choose the cluster",
            "invalid_choice": "Choose one of the clusters listed",
        },
    )
    aspect = Line(
        what="aspect",
        label="Aspect",
        initial="The state of multi-agency relationships",
        help_text="What the baseline describes.",
    )
    narrative = Lines(what="description of the starting point", label="Where the cluster starts")
    rating = _rating_field()
    described_on = date_field("date of the baseline", label="Date")

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cluster_participation"]
        field.queryset = participations  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: p.cluster.name  # type: ignore[attr-defined]
        self.helper = helper(
            Field.select("cluster_participation"),
            Field.text("aspect"),
            Field.textarea("narrative", rows=5),
            Field.radios("rating", legend_size=Size.SMALL, small=True),
            date_layout("described_on"),
        )


class ReviewForm(forms.Form):
    narrative = Lines(what="description of progress", label="Progress since the baseline")
    rating = _rating_field()
    reviewed_on = date_field("date of the review", label="Date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.textarea("narrative", rows=5),
            Field.radios("rating", legend_size=Size.SMALL, small=True),
            date_layout("reviewed_on"),
        )


class EvidenceChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: EvidenceItem) -> str:
        words = obj.quote or obj.note or obj.get_kind_display()
        words = " ".join(words.split())
        words = words if len(words) <= 90 else words[:89] + "…"
        where = obj.cluster.name if obj.cluster else "whole project"
        codes = ", ".join(code.name for code in obj.codes.all())
        return f"“{words}” ({where}; {codes})"


class DriverForm(forms.Form):
    title = Line(
        what="key driver", label="Key driver", help_text="For example, “Trust between heads”."
    )
    narrative = Lines(
        what="narrative",
        label="Narrative",
        rows=5,
        help_text="Why this drives effective cluster working, from what the evidence shows.",
    )
    code = forms.ModelChoiceField(
        label="Code it draws on (optional)",
        queryset=Code.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a code from this project's codebook"},
    )
    evidence = EvidenceChoices(
        label="The evidence behind it",
        queryset=EvidenceItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the evidence behind this key driver",
            "invalid_choice": "Choose evidence from this project",
            "invalid_pk_value": "Choose evidence from this project",
        },
    )
    change_ideas = Lines(
        what="change ideas",
        label="Change ideas (optional)",
        required=False,
        max_length=2000,
        rows=4,
        help_text="What could be done to act on this driver: one idea a line, at most eight.",
    )

    def __init__(self, *args, codes, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].queryset = codes  # type: ignore[attr-defined]
        self.fields["evidence"].queryset = evidence  # type: ignore[attr-defined]
        self.helper = helper(
            Field.text("title"),
            Field.textarea("narrative", rows=5),
            Field.select("code"),
            Field.checkboxes("evidence", small=True),
            Field.textarea("change_ideas", rows=4),
        )

    def clean_change_ideas(self) -> list[str]:
        return [line for line in self.cleaned_data["change_ideas"].splitlines() if line.strip()]
