"""Forms for setting up clusters and recording their membership, in GOV.UK style.

They validate input only; choices come from the view (so a forged id is a form
error), and the services in cluster_services decide whether the change may be made.
"""

from __future__ import annotations

from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from .form_fields import GovDateField
from .forms import NameField
from .models import Cluster, LocalAuthority, Membership, School


def _helper(*fields) -> FormHelper:
    """The <form>, its CSRF token and its button are the template's."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


def _date(field: str) -> Field:
    return Field(field, context={"legend_size": Size.for_legend(Size.SMALL)})


class ClusterForm(forms.Form):
    """A cluster's details; with `host_las`, also the LA that hosts it (when setting up)."""

    host_la = forms.ModelChoiceField(
        label="Host LA",
        queryset=LocalAuthority.objects.none(),
        empty_label="Choose an LA",
        help_text="The LA that supports the cluster. Its schools may come from any LA.",
        error_messages={
            "required": "Choose the LA that hosts the cluster",
            "invalid_choice": "Choose one of the LAs listed",
        },
    )
    name = NameField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter the cluster's name"},
    )
    kind = forms.ChoiceField(
        label="Kind of network",
        choices=Cluster.Kind.choices,
        widget=forms.RadioSelect,
        initial=Cluster.Kind.CLUSTER,
        error_messages={
            "required": "Choose the kind of network",
            "invalid_choice": "Choose one of the kinds of network listed",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who is in it, how it works, what it is for.",
    )
    founded_on = GovDateField(
        what="founding date",
        label="Founded (optional)",
        required=False,
        help_text="For example, 1 9 2004",
    )

    def __init__(self, *args, host_las=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.textarea("description", label_size=Size.SMALL, rows=4),
            _date("founded_on"),
        ]
        if host_las is None:
            del self.fields["host_la"]
        else:
            cast(forms.ModelChoiceField, self.fields["host_la"]).queryset = host_las
            fields.insert(0, Field.select("host_la"))
        self.helper = _helper(*fields)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class SchoolChoiceField(forms.Field):
    """A school, posted as its URN, from those the view allows (`schools`).

    Rendered by the template as radios (networks/_school_choices.html) from the
    picker's results, so the widget is radios for the error summary's sake only.
    """

    widget = forms.RadioSelect

    def __init__(self, *, schools=None, **kwargs):
        super().__init__(**kwargs)
        self.schools = schools if schools is not None else School.objects.none()

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        school = None
        if str(value).strip().isdigit():
            school = self.schools.select_related("la").filter(urn=int(value)).first()
        if school is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return school


class _SchoolChoiceForm(forms.Form):
    school = SchoolChoiceField(
        label="School",
        error_messages={
            "required": "Choose the school",
            "invalid_choice": "Choose one of the schools found (open schools not in it now)",
        },
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        cast(SchoolChoiceField, self.fields["school"]).schools = schools


class MembershipAddForm(_SchoolChoiceForm):
    """A school joining: which, when, and whether it leads the cluster."""

    joined_on = GovDateField(
        what="joining date",
        label="Joined (optional)",
        required=False,
        help_text="Leave it blank for today. For example, 1 9 2025",
    )
    is_lead = forms.BooleanField(label="It is the cluster's lead school", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_date("joined_on"), Field.checkbox("is_lead", small=True))


class ProposalForm(_SchoolChoiceForm):
    """A cluster lead asking the host LA to add a school."""

    note = forms.CharField(
        label="Why this school (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The LA reads this when it decides. Has the school asked to join?",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("note", label_size=Size.SMALL, rows=3))


class ClusterChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, school: School | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def label_from_instance(self, obj) -> str:
        if self.school is not None and obj.host_la_id != self.school.la_id:
            return f"{obj.name} ({obj.host_la.name})"
        return obj.name


class JoinClusterForm(forms.Form):
    """One school joining one of the person's clusters (from the school's side)."""

    cluster = ClusterChoiceField(
        label="Cluster",
        queryset=Cluster.objects.none(),
        empty_label="Choose a cluster",
        error_messages={
            "required": "Choose the cluster it joins",
            "invalid_choice": "Choose one of the clusters listed",
        },
    )
    joined_on = GovDateField(
        what="joining date",
        label="Joined (optional)",
        required=False,
        help_text="Leave it blank for today. For example, 1 9 2025",
    )
    is_lead = forms.BooleanField(label="It is the cluster's lead school", required=False)

    def __init__(self, *args, clusters, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(ClusterChoiceField, self.fields["cluster"])
        field.queryset = clusters
        field.school = school
        self.helper = _helper(
            Field.select("cluster"), _date("joined_on"), Field.checkbox("is_lead", small=True)
        )


class MembershipEndForm(forms.Form):
    left_on = GovDateField(
        what="leaving date",
        label="Left (optional)",
        required=False,
        help_text="Leave it blank for today. For example, 31 8 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_date("left_on"))


class LeadSchoolForm(forms.Form):
    membership = forms.ModelChoiceField(
        label="Lead school",
        queryset=Membership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the lead school",
            "invalid_choice": "Choose one of the current members",
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["membership"])
        field.queryset = memberships
        field.label_from_instance = lambda m: m.school.name  # type: ignore[method-assign]
        self.helper = _helper(Field.radios("membership", legend_size=Size.SMALL, small=True))


class ProposalAnswerForm(forms.Form):
    CONFIRM = "confirm"
    DECLINE = "decline"

    answer = forms.ChoiceField(
        label="Your answer",
        choices=[(CONFIRM, "Confirm: the school joins"), (DECLINE, "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to confirm or decline"},
    )
    joined_on = GovDateField(
        what="joining date",
        label="Joined (optional, if confirming)",
        required=False,
        help_text="Leave it blank for today. For example, 1 9 2025",
    )
    note = forms.CharField(
        label="Note for the cluster lead (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If you decline, say why: membership is the schools' choice, so explain.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("answer", legend_size=Size.SMALL, small=True),
            _date("joined_on"),
            Field.textarea("note", label_size=Size.SMALL, rows=3),
        )
