"""Adding partners, linking them to a network or project, and moving a partnership on."""

from __future__ import annotations

from django import forms

from networks.models import Cluster

from ..models import PartnershipStatus, Sector
from ._common import Field, Line, Lines, Size, check_order, date_field, date_layout, helper


class PartnerForm(forms.Form):
    name = Line(what="organisation's name", label="Organisation")
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Choose a sector"), *Sector.choices],
        error_messages={
            "required": "Choose the sector",
            "invalid_choice": "Choose one of the sectors listed",
        },
    )
    contact = Line(
        what="contact",
        label="Contact (optional)",
        required=False,
        help_text="A name and role, for example “Jo Smith, extended services manager”.",
    )
    notes = Lines(what="notes", label="Notes (optional)", required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("name"),
            Field.select("sector"),
            Field.text("contact"),
            Field.textarea("notes", rows=3),
        )


class PartnershipForm(forms.Form):
    target = forms.ChoiceField(
        label="Works with",
        error_messages={
            "required": "Choose the network or project the partnership is with",
            "invalid_choice": "Choose one of the networks or projects listed",
        },
    )
    purpose = Lines(what="purpose", label="Purpose", rows=3)
    starts_on = date_field("start date", label="Start date (optional)", required=False)
    ends_on = date_field("end date", label="End date (optional)", required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=PartnershipStatus.choices,
        initial=PartnershipStatus.ACTIVE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the status",
            "invalid_choice": "Choose one of the statuses listed",
        },
    )

    def __init__(self, *args, clusters, projects, **kwargs):
        """`clusters`: the LA's running clusters; `projects`: its projects."""
        super().__init__(*args, **kwargs)
        self.targets: dict[str, dict] = {}
        networks, aips, project_choices = [], [], []
        for cluster in clusters:
            key = f"cluster:{cluster.pk}"
            self.targets[key] = {"cluster": cluster, "project": None}
            (aips if cluster.kind == Cluster.Kind.AIP else networks).append((key, cluster.name))
        for project in projects:
            key = f"project:{project.pk}"
            self.targets[key] = {"cluster": None, "project": project}
            project_choices.append((key, project.title))
        groups = [("Clusters", networks), ("Area improvement partnerships", aips)]
        groups.append(("LA projects", project_choices))
        choices: list = [("", "Choose a network or project")]
        choices += [(label, options) for label, options in groups if options]
        self.fields["target"].choices = choices  # type: ignore[attr-defined]
        self.helper = helper(
            Field.select("target"),
            Field.textarea("purpose", rows=3),
            date_layout("starts_on"),
            date_layout("ends_on"),
            Field.radios("status", legend_size=Size.SMALL, small=True, inline=True),
        )

    def clean(self):
        cleaned = super().clean()
        check_order(self)
        return cleaned

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.update(self.targets[data.pop("target")])
        return data


class PartnershipStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=PartnershipStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the status",
            "invalid_choice": "Choose one of the statuses listed",
        },
    )
    ends_on = date_field(
        "end date",
        label="End date (optional)",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "ends_on"
        ].help_text = "If it has ended and you leave this blank, today is used."
        self.helper = helper(
            Field.radios("status", legend_size=Size.SMALL, small=True),
            date_layout("ends_on"),
        )
