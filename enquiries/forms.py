"""Forms for enquiry questions and their review, and for setting up projects,
clusters, schools and facilitators. Each validates input only (choices come from
the view, so a forged id is a form error); the services decide whether the change
is allowed and write it."""

from __future__ import annotations

from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from networks.form_fields import GovDateField
from networks.models import Cluster, School

from .models import AlignmentRating, EcmOutcome, Enquiry, NetworkingKind, QuestionRevision

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
        text = (
            cast("QuestionRevision", obj.current_revision).text
            if obj.current_revision_id
            else "(no text yet)"
        )
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
        cast(forms.ChoiceField, self.fields["old"]).choices = choices
        cast(forms.ChoiceField, self.fields["new"]).choices = choices
        self.helper = _helper(
            Field.select("old"),
            Field.select("new"),
        )


# --- Setting up projects, clusters, schools and facilitators ------------------


class ProjectForm(forms.Form):
    """An LA's project: what it will do, when, and (optionally) what it wants to learn."""

    la = forms.CharField(
        label="Local authority",
        widget=forms.Select,
        error_messages={"required": "Choose the LA whose project this is"},
    )
    title = forms.CharField(
        label="Project title",
        max_length=200,
        error_messages={"required": "Enter the project title"},
    )
    development_focus = forms.CharField(
        label="Development focus",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "What the LA and its clusters will do. The enquiry question (below, or later) "
            "is what you want to learn from doing it."
        ),
        error_messages={"required": "Describe the development focus"},
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
    question = forms.CharField(
        label="LA research question (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=QUESTION_HELP + " You can write it later; it starts as a draft.",
    )
    rationale = forms.CharField(
        label="Why this wording (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Reviewers read this beside the question.",
    )

    def __init__(self, *args, las, **kwargs):
        """`las`: the LAs this person may set up a project for, each annotated with
        `project_id` (None when it has no project in this initiative yet)."""
        super().__init__(*args, **kwargs)
        self.las = {str(la.pk): la for la in las}
        open_las = [la for la in las if la.project_id is None]
        choices = [(str(la.pk), la.name) for la in open_las]
        if len(choices) != 1:
            choices.insert(0, ("", "Choose an LA"))
        else:
            self.initial.setdefault("la", choices[0][0])
        self.fields["la"].widget.choices = choices
        self.helper = _helper(
            Field.select("la"),
            Field.text("title"),
            Field.textarea("development_focus", label_size=Size.SMALL, rows=4),
            Field("starts_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("ends_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("question", label_size=Size.SMALL, rows=3),
            Field.textarea("rationale", label_size=Size.SMALL, rows=3),
        )

    def clean_la(self):
        la = self.las.get(self.cleaned_data["la"])
        if la is None:
            raise forms.ValidationError("Choose one of the LAs listed")
        if la.project_id is not None:
            raise forms.ValidationError(
                f"{la.name} already has a project in this initiative; there is one per LA"
            )
        return la

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Enter the project title")
        return title

    def clean_question(self) -> str:
        return " ".join(self.cleaned_data["question"].split())

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        if cleaned.get("rationale", "").strip() and not cleaned.get("question"):
            self.add_error("question", "Enter the question the rationale explains")
        return cleaned


class FocusForm(forms.Form):
    """A cluster's Every Child Matters focus and kinds of networking in a project."""

    ecm_outcomes = forms.MultipleChoiceField(
        label="Every Child Matters focus",
        required=False,
        choices=EcmOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The outcomes for children the cluster's work aims at. Select all that apply.",
        error_messages={"invalid_choice": "Choose from the Every Child Matters outcomes listed"},
    )
    networking_kinds = forms.MultipleChoiceField(
        label="Kinds of networking",
        required=False,
        choices=NetworkingKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who the cluster's schools will work with. Select all that apply.",
        error_messages={"invalid_choice": "Choose from the kinds of networking listed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(*self._focus_fields())

    @staticmethod
    def _focus_fields() -> list[Field]:
        return [
            Field.checkboxes("ecm_outcomes", legend_size=Size.SMALL, small=True),
            Field.checkboxes("networking_kinds", legend_size=Size.SMALL, small=True),
        ]


class ClusterJoinForm(FocusForm):
    """Bring one of the LA's clusters into its project."""

    cluster = forms.ModelChoiceField(
        label="Cluster",
        queryset=Cluster.objects.none(),
        empty_label="Choose a cluster",
        error_messages={
            "required": "Choose the cluster to add",
            "invalid_choice": "Choose one of the clusters listed",
        },
    )
    field_order = ["cluster", "ecm_outcomes", "networking_kinds"]

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.helper = _helper(Field.select("cluster"), *self._focus_fields())


class SchoolJoinForm(forms.Form):
    """Bring one of the cluster's schools (or one teacher there) into its enquiry work."""

    school = forms.ModelChoiceField(
        label="School",
        queryset=School.objects.none(),
        empty_label="Choose a school",
        help_text="Schools that are members of the cluster now.",
        error_messages={
            "required": "Choose the school",
            "invalid_choice": "Choose one of the cluster's schools listed",
        },
    )
    teacher_name = forms.CharField(
        label="Teacher (optional)",
        required=False,
        max_length=150,
        help_text="If one teacher leads this enquiry at the school, their name.",
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.helper = _helper(Field.select("school"), Field.text("teacher_name"))

    def clean_teacher_name(self) -> str:
        return " ".join(self.cleaned_data["teacher_name"].split())


class FacilitatorForm(forms.Form):
    """Choose an officer of another LA to facilitate the project."""

    person = forms.TypedChoiceField(
        label="Person",
        coerce=int,
        help_text="LA co-leaders and LA officers of other LAs, by LA.",
        error_messages={
            "required": "Choose the person to assign",
            "invalid_choice": "Choose one of the people listed",
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        """`candidates`: RoleAssignment rows from selectors.facilitator_candidates."""
        super().__init__(*args, **kwargs)
        self.people = {}
        groups: dict[str, list] = {}
        for role in candidates:
            self.people[role.user_id] = role.user
            groups.setdefault(role.la.name, []).append(
                (role.user_id, f"{role.user.name} ({role.get_role_display()}, {role.la.name})")
            )
        self.fields["person"].choices = [("", "Choose a person"), *groups.items()]
        self.helper = _helper(Field.select("person"))

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]
