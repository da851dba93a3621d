"""Resources brokered for a network, commissioned services and their impact reviews."""

from __future__ import annotations

from django import forms

from networks.models import Cluster, School

from ..models import FundHolder, FundingSource, Partner, ValueForMoney
from ._common import (
    DaysField,
    Field,
    Line,
    Lines,
    PoundsField,
    Size,
    check_order,
    date_field,
    date_layout,
    helper,
)


class ResourceForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label="Network",
        queryset=Cluster.objects.none(),
        empty_label="Choose a network",
        error_messages={
            "required": "Choose the network the resources are for",
            "invalid_choice": "Choose one of the networks listed",
        },
    )
    source = forms.ChoiceField(
        label="Source",
        choices=[("", "Choose a source"), *FundingSource.choices],
        error_messages={
            "required": "Choose where the resources come from",
            "invalid_choice": "Choose one of the sources listed",
        },
    )
    amount = PoundsField(
        what="amount",
        label="Amount in pounds (optional if only time is brokered)",
        required=False,
        help_text="For example, 2500 or 2500.50",
    )
    facilitation_days = DaysField(
        label="Facilitation time in days (optional)",
        required=False,
        help_text="Officer or consultant time given to the network, for example 2.5",
    )
    fund_holder = forms.ChoiceField(
        label="Fund-holder",
        choices=FundHolder.choices,
        widget=forms.RadioSelect,
        help_text="Who holds the money for the network and accounts for it.",
        error_messages={
            "required": "Choose who holds the money",
            "invalid_choice": "Choose one of the fund-holders listed",
        },
    )
    fund_holder_name = Line(
        what="fund-holder's name",
        label="Fund-holder's name (optional)",
        required=False,
        help_text="Which school or organisation, if not the LA.",
    )
    purpose = Lines(what="purpose", label="Purpose", rows=3)
    allocated_on = date_field("date allocated", label="Date allocated")

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters  # type: ignore[attr-defined]
        self.helper = helper(
            Field.select("cluster"),
            Field.select("source"),
            Field.text("amount", field_width=10),
            Field.text("facilitation_days", field_width=5),
            Field.radios("fund_holder", legend_size=Size.SMALL, small=True),
            Field.text("fund_holder_name"),
            Field.textarea("purpose", rows=3),
            date_layout("allocated_on"),
        )

    def clean(self):
        cleaned = super().clean()
        if "amount" in cleaned and "facilitation_days" in cleaned:
            if not cleaned["amount"] and not cleaned["facilitation_days"]:
                self.add_error("amount", "Enter an amount of money, facilitation time, or both")
        return cleaned


class CommissioningNetworkForm(forms.Form):
    """The first step: which network commissions the service (a GET form)."""

    cluster = forms.ModelChoiceField(
        label="Network commissioning the service",
        queryset=Cluster.objects.none(),
        empty_label="Choose a network",
        help_text="Often an area improvement partnership's strategic group.",
        error_messages={
            "required": "Choose the network commissioning the service",
            "invalid_choice": "Choose one of the networks listed",
        },
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters  # type: ignore[attr-defined]
        self.helper = helper(Field.select("cluster"))


class ServiceForm(forms.Form):
    provider = forms.ModelChoiceField(
        label="Provider",
        queryset=Partner.objects.none(),
        empty_label="Choose a provider",
        help_text=(
            "One of the LA's partners. Add the provider as a partner first if it is not listed."
        ),
        error_messages={
            "required": "Choose the provider",
            "invalid_choice": "Choose one of the providers listed",
        },
    )
    title = Line(what="description of what was commissioned", label="What was commissioned")
    description = Lines(what="details", label="Details (optional)", required=False, rows=3)
    schools = forms.ModelMultipleChoiceField(
        label="For which schools",
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The network's schools now. Select all that apply.",
        error_messages={
            "required": "Choose the schools the service is for",
            "invalid_choice": "Choose from the schools listed",
        },
    )
    cost = PoundsField(what="cost", label="Cost in pounds (optional)", required=False)
    starts_on = date_field("start date", label="Start date")
    ends_on = date_field("end date", label="End date (optional)", required=False)
    next_review_on = date_field(
        "date of the first impact review",
        label="First impact review due (optional)",
        required=False,
    )

    def __init__(self, *args, providers, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["schools"].queryset = schools  # type: ignore[attr-defined]
        self.helper = helper(
            Field.select("provider"),
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.checkboxes("schools", legend_size=Size.SMALL, small=True),
            Field.text("cost", field_width=10),
            date_layout("starts_on"),
            date_layout("ends_on"),
            date_layout("next_review_on"),
        )

    def clean(self):
        cleaned = super().clean()
        check_order(self)
        return cleaned


class ImpactReviewForm(forms.Form):
    reviewed_on = date_field("date of the review", label="Date of the review")
    findings = Lines(
        what="impact found",
        label="Impact found",
        rows=5,
        help_text=(
            "How it was put into practice and what changed: teaching, pupils' and "
            "schools' outcomes, and what the schools said about the service."
        ),
    )
    value_for_money = forms.ChoiceField(
        label="Value for money",
        choices=ValueForMoney.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a value-for-money judgement",
            "invalid_choice": "Choose one of the judgements listed",
        },
    )
    next_review_on = date_field(
        "date of the next review", label="Next review due (optional)", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            date_layout("reviewed_on"),
            Field.textarea("findings", rows=5),
            Field.radios("value_for_money", legend_size=Size.SMALL, small=True),
            date_layout("next_review_on"),
        )
