"""Creating and editing a meeting: kind, title, day and times (UK time), place or link,
clusters, attendees, agenda and papers."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.layout import Field, Size
from django import forms

from enquiries.forms import GovDateField
from networks.models import Cluster, User

from ..models import MeetingKind
from ..models.notes import LONDON
from ._common import helper

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def time_field(label: str, what: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        help_text="24-hour clock, UK time, for example 09:30 or 14:00",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
        error_messages={"required": f"Enter the {what}", "invalid": f"Enter the {what} like 09:30"},
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=[("", "Choose a kind"), *MeetingKind.choices],
        error_messages={
            "required": "Choose the kind of meeting",
            "invalid_choice": "Choose a kind listed",
        },
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the meeting's title"}
    )
    day = GovDateField(what="day of the meeting", label="Day", help_text="For example, 14 10 2026")
    starts = time_field("Starts at", "start time")
    ends = time_field("Ends at", "end time")
    place = forms.CharField(label="Place (or give a link)", max_length=300, required=False)
    link = forms.URLField(
        label="Link to join (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link like https://meet.example.org/abc"},
    )
    clusters = forms.ModelMultipleChoiceField(
        label="Clusters (optional)",
        queryset=Cluster.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A surgery is for one or two clusters. They check the notes.",
        error_messages={"invalid_choice": "Choose from the clusters listed"},
    )
    attendees = forms.ModelMultipleChoiceField(
        label="Attendees (optional)",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the people listed"},
    )
    agenda = forms.CharField(
        label="Agenda (optional)",
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    papers = forms.ModelMultipleChoiceField(
        label="Papers from the research archive (optional)",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the archive items listed"},
    )

    def __init__(self, *args, clusters, people, papers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = clusters  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]
        self.fields["attendees"].label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]
        self.fields["papers"].queryset = papers  # type: ignore[attr-defined]
        self.fields["papers"].label_from_instance = lambda item: item.title  # type: ignore[attr-defined]
        layout = [
            Field.select("kind"),
            Field.text("title"),
            Field("day", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("starts", field_width=5),
            Field.text("ends", field_width=5),
            Field.text("place"),
            Field.text("link"),
            Field.checkboxes("clusters", legend_size=Size.SMALL, small=True),
            Field.checkboxes("attendees", legend_size=Size.SMALL, small=True),
            Field.textarea("agenda", rows=5),
        ]
        if papers.exists():
            layout.append(Field.checkboxes("papers", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["papers"]
        self.helper = helper(*layout)

    @staticmethod
    def initial_for(meeting) -> dict:
        starts = meeting.starts_at.astimezone(LONDON)
        ends = meeting.ends_at.astimezone(LONDON)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "day": starts.date(),
            "starts": starts.strftime("%H:%M"),
            "ends": ends.strftime("%H:%M"),
            "place": meeting.place,
            "link": meeting.link,
            "clusters": list(meeting.clusters.all()),
            "attendees": list(meeting.attendees.all()),
            "agenda": meeting.agenda,
            "papers": list(meeting.papers.all()),
        }

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            cleaned["starts_at"] = dt.datetime.combine(day, starts, LONDON)
            cleaned["ends_at"] = dt.datetime.combine(day, ends, LONDON)
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time")
        if not cleaned.get("place", "").strip() and not cleaned.get("link"):
            if "link" not in self.errors:
                self.add_error("place", "Give the meeting's place, or a link to join it")
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "link": data["link"],
            "clusters": list(data["clusters"]),
            "attendees": list(data["attendees"]),
            "agenda": data["agenda"],
            "papers": list(data.get("papers") or []),
        }
