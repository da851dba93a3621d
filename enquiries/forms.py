"""Forms for enquiry questions and their review. Each validates input only; the
services decide whether the change is allowed and write it."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from .models import AlignmentRating, Enquiry

QUESTION_HELP = (
    "A good enquiry question is clear (someone new to the project understands it), "
    "answerable (you could gather evidence for it in the time you have) and about "
    "learning, not doing: ask what you want to find out, not what you will deliver."
)


def _helper(*fields: Field) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # templates write <form novalidate> with the right action
    # ...and their own {% csrf_token %} where they POST: a GET form (the diff
    # picker) must never put the token in the address bar.
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class QuestionForm(forms.Form):
    """A new question, or a new revision of one."""

    text = forms.CharField(
        label="Enquiry question",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=QUESTION_HELP,
        error_messages={"required": "Enter the enquiry question"},
    )
    rationale = forms.CharField(
        label="Why this wording (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed since the last revision, and why. Reviewers read this first.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("text", label_size=Size.MEDIUM, rows=3),
            Field.textarea("rationale", label_size=Size.SMALL, rows=4),
        )

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError("Enter the enquiry question")
        return text


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label="Note for the reviewers (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("comment", label_size=Size.SMALL, rows=2))


class DecisionForm(forms.Form):
    """A reviewer's decision on a submitted question."""

    AGREE = "agree"
    REQUEST_CHANGES = "request_changes"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[(AGREE, "Agree the question"), (REQUEST_CHANGES, "Request changes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to agree the question or request changes"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you request changes: say what should change and why.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.SMALL, small=True),
            Field.textarea("comment", label_size=Size.SMALL, rows=3),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == self.REQUEST_CHANGES
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", "Say what should change when you request changes")
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a comment"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("text", label_size=Size.SMALL, rows=3))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Enter a comment")
        return text


class TargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enquiry) -> str:
        text = obj.current_revision.text if obj.current_revision_id else "(no text yet)"
        return f"{obj.label}: {text}"


class LinkForm(forms.Form):
    """Choose a further question this one serves, besides its home parent."""

    target = TargetChoiceField(
        label="Question it also serves",
        queryset=Enquiry.objects.none(),
        empty_label="Choose a question",
        error_messages={
            "required": "Choose the question it serves",
            "invalid_choice": "Choose one of the questions listed",
        },
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["target"].queryset = targets
        self.helper = _helper(Field.select("target"))


class AlignmentReviewForm(forms.Form):
    rating = forms.ChoiceField(
        label="How well does this question serve the one it answers to?",
        choices=AlignmentRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how well the questions are aligned"},
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What would bring them closer together?",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("rating", legend_size=Size.MEDIUM),
            Field.textarea("comment", label_size=Size.SMALL, rows=3),
        )


class DiffForm(forms.Form):
    """Choose two revisions to compare (a GET form; bad input falls back to defaults)."""

    # "from" is a Python keyword, so the field is named old/new and the labels say it.
    old = forms.TypedChoiceField(label="From revision", coerce=int)
    new = forms.TypedChoiceField(label="To revision", coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Revision {n}") for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
        self.helper = _helper(
            Field.select("old"),
            Field.select("new"),
        )
