"""Forms for a project's plans (items, milestones, the timeline's filter) and its
feedback loops (setting one up, answering one).

As in forms.py: each validates input only, every choice comes from the view (scoped
to the project and the person), so a forged id is a form error; the services decide
whether the change is allowed and write it.
"""

from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.layout import Field, Size
from django import forms

from networks.text import CONTROL_CHARACTERS

from .forms import GovDateField, _helper
from .models import Plan, PlanItem, PlanLevel, Strand

MAX_PROMPT_FIELDS = 5


def _single_line(value: str, what: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            f"The {what} cannot contain line breaks, tabs or other control characters"
        )
    return " ".join(value.split())


def _set_choices(field: forms.Field, choices) -> None:
    cast(forms.ChoiceField, field).choices = choices


# --- Plan items ------------------------------------------------------------------------


class PlanItemForm(forms.Form):
    """An item in the project plan or the enquiry plan.

    `participations`: the clusters this person may plan for; `project_wide`: whether
    they may also plan for the project as a whole (its managers). `people`: who may
    own it. `items`: what it may depend on. cleaned_data is ready for
    services.plan_item_create / plan_item_update.
    """

    plan = forms.ChoiceField(
        label="Which plan",
        choices=Plan.choices,
        widget=forms.RadioSelect,
        help_text="The project plan is what you will do; the enquiry plan how you will learn.",
        error_messages={"required": "Choose the plan it belongs to"},
    )
    strand = forms.ChoiceField(
        label="Strand",
        choices=Strand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose its strand: activity, outcomes or processes"},
    )
    level = forms.ChoiceField(
        label="Level",
        choices=PlanLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level it works at"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the item"},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cluster = forms.TypedChoiceField(
        label="Cluster",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose one of the clusters listed"},
    )
    owner = forms.TypedChoiceField(
        label="Owner (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Someone taking part in the project, who sees it through.",
        error_messages={"invalid_choice": "Choose one of the people listed"},
    )
    starts_on = GovDateField(
        what="start date", label="Start date", help_text="For example, 1 9 2026"
    )
    due_on = GovDateField(what="due date", label="Due date", help_text="For example, 31 10 2026")
    status = forms.ChoiceField(
        label="Status",
        choices=PlanItem.Status.choices,
        initial=PlanItem.Status.NOT_STARTED,
        error_messages={"invalid_choice": "Choose one of the statuses listed"},
    )
    needs = forms.TypedMultipleChoiceField(
        label="Depends on (optional)",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Items of this project that must finish first.",
        error_messages={"invalid_choice": "Choose from the items listed"},
    )

    def __init__(self, *args, participations, project_wide: bool, people, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.participations = {p.pk: p for p in participations}
        self.people = {person.pk: person for person in people}
        self.items = {item.pk: item for item in items}
        clusters: list[tuple[Any, str]] = [(p.pk, p.cluster.name) for p in participations]
        cluster_field = self.fields["cluster"]
        if project_wide:
            clusters.insert(0, ("", "None: the project as a whole"))
            cluster_field.help_text = "For one cluster's work, or the project as a whole."
        else:
            cluster_field.required = True
            cluster_field.error_messages["required"] = "Choose the cluster it is for"
            cluster_field.help_text = "You plan for the clusters you lead."
        _set_choices(cluster_field, clusters)
        _set_choices(
            self.fields["owner"],
            [("", "No owner yet"), *((p.pk, p.name or p.email) for p in people)],
        )
        _set_choices(
            self.fields["needs"],
            [
                (item.pk, f"{item.title} ({item.get_strand_display()}, due {item.due_on:%d/%m/%Y})")
                for item in items
            ],
        )
        fields = [
            Field.radios("plan", legend_size=Size.SMALL, small=True),
            Field.radios("strand", legend_size=Size.SMALL, small=True, inline=True),
            Field.radios("level", legend_size=Size.SMALL, small=True),
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.select("cluster"),
            Field.select("owner"),
            Field("starts_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("due_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.select("status"),
        ]
        if items:
            fields.append(Field.checkboxes("needs", legend_size=Size.SMALL, small=True))
        else:
            del self.fields["needs"]
        self.helper = _helper(*fields)

    def clean_title(self) -> str:
        title = _single_line(self.cleaned_data["title"], "title")
        if not title:
            raise forms.ValidationError("Enter a title for the item")
        return title

    def clean(self):
        cleaned = super().clean()
        starts_on, due_on = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", "The due date must be the same as or after the start date")
        cleaned["cluster_participation"] = self.participations.get(cleaned.pop("cluster", None))
        cleaned["owner"] = self.people.get(cleaned.get("owner"))
        cleaned["needs"] = [self.items[pk] for pk in cleaned.get("needs", [])]
        return cleaned


# --- Milestones ------------------------------------------------------------------------


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Milestone",
        max_length=200,
        help_text="For example, “Launch conference” or “Interim report to the think tank”.",
        error_messages={"required": "Enter the milestone"},
    )
    on = GovDateField(what="date", label="Date", help_text="For example, 14 11 2026")
    item = forms.TypedChoiceField(
        label="On an item (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose one of the items listed"},
    )

    def __init__(self, *args, items, project_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in items}
        choices: list[tuple[Any, str]] = [(item.pk, item.title) for item in items]
        item_field = self.fields["item"]
        if project_wide:
            choices.insert(0, ("", "None: a milestone for the whole project"))
        else:
            item_field.label = "On an item"
            item_field.required = True
            item_field.error_messages["required"] = "Choose the item it marks"
            item_field.help_text = "You add milestones to your clusters' items."
        _set_choices(item_field, choices)
        self.helper = _helper(
            Field.text("title"),
            Field("on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.select("item"),
        )

    def clean_title(self) -> str:
        title = _single_line(self.cleaned_data["title"], "milestone")
        if not title:
            raise forms.ValidationError("Enter the milestone")
        return title

    def clean_item(self):
        pk = self.cleaned_data.get("item")
        return self.items.get(pk) if pk is not None else None


# --- The timeline's filter -------------------------------------------------------------


class TimelineFilterForm(forms.Form):
    """A GET form: an unknown value is an error shown above the timeline, which then
    shows everything."""

    plan = forms.ChoiceField(label="Plan", required=False)
    strand = forms.ChoiceField(label="Strand", required=False)
    level = forms.ChoiceField(label="Level", required=False)
    cluster = forms.TypedChoiceField(label="Cluster", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        every = ("", "All")
        _set_choices(self.fields["plan"], [("", "Both plans"), *Plan.choices])
        _set_choices(self.fields["strand"], [("", "All strands"), *Strand.choices])
        _set_choices(self.fields["level"], [("", "All levels"), *PlanLevel.choices])
        _set_choices(
            self.fields["cluster"],
            [(every[0], "All clusters"), *((p.pk, p.cluster.name) for p in participations)],
        )
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = f"Choose a {name} from the list"
        self.helper = _helper(*(Field.select(name) for name in self.fields))


# --- Feedback loops --------------------------------------------------------------------


class FeedbackLoopForm(forms.Form):
    """Set up (or change, before it opens) a feedback loop. cleaned_data has `prompts`
    (a list) and `clusters` (None for every cluster), ready for the services."""

    ALL = "all"
    CHOSEN = "chosen"

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, “First term: how is the networking going?”",
        error_messages={"required": "Enter a title for the feedback loop"},
    )
    opens_on = GovDateField(
        what="opening date", label="Opens on", help_text="For example, 1 3 2027"
    )
    closes_on = GovDateField(
        what="closing date",
        label="Closes at the end of",
        help_text="Answers can be given and changed until midnight at the end of this day.",
    )
    audience = forms.ChoiceField(
        label="Which clusters does it ask?",
        choices=[(ALL, "Every cluster in the project"), (CHOSEN, "The clusters chosen below")],
        widget=forms.RadioSelect,
        initial=ALL,
        error_messages={"required": "Choose which clusters it asks"},
    )
    clusters = forms.TypedMultipleChoiceField(
        label="Clusters to ask",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the clusters listed"},
    )

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.participations = {p.pk: p for p in participations}
        _set_choices(self.fields["clusters"], [(p.pk, p.cluster.name) for p in participations])
        for n in range(1, MAX_PROMPT_FIELDS + 1):
            self.fields[f"prompt_{n}"] = forms.CharField(
                label=f"Prompt {n}" if n == 1 else f"Prompt {n} (optional)",
                required=n == 1,
                max_length=1000,
                help_text="A question each cluster answers." if n == 1 else "",
                error_messages={"required": "Write at least one prompt"},
            )
        self.helper = _helper(
            Field.text("title"),
            *(Field.text(f"prompt_{n}") for n in range(1, MAX_PROMPT_FIELDS + 1)),
            Field("opens_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("closes_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.radios("audience", legend_size=Size.SMALL, small=True),
            Field.checkboxes("clusters", legend_size=Size.SMALL, small=True),
        )

    def clean_title(self) -> str:
        title = _single_line(self.cleaned_data["title"], "title")
        if not title:
            raise forms.ValidationError("Enter a title for the feedback loop")
        return title

    def clean(self):
        cleaned = super().clean()
        prompts = []
        for n in range(1, MAX_PROMPT_FIELDS + 1):
            name = f"prompt_{n}"
            if name in cleaned:
                try:
                    text = _single_line(cleaned[name], f"prompt {n}")
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
                if text:
                    prompts.append(text)
        if not prompts and "prompt_1" not in self.errors:
            self.add_error("prompt_1", "Write at least one prompt")
        cleaned["prompts"] = prompts
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        chosen = [self.participations[pk] for pk in cleaned.get("clusters", [])]
        if cleaned.get("audience") == self.CHOSEN:
            if not chosen:
                self.add_error("clusters", "Choose at least one cluster to ask")
            cleaned["clusters"] = chosen
        else:
            cleaned["clusters"] = None
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "prompts": data["prompts"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "clusters": data["clusters"],
        }


class FeedbackResponseForm(forms.Form):
    """A cluster's answers: a box per prompt. cleaned_data["answers"] maps prompt id to text."""

    def __init__(self, *args, prompts, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        for prompt in prompts:
            self.fields[f"answer_{prompt.pk}"] = forms.CharField(
                label=f"{prompt.position}. {prompt.text}",
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": f"Answer prompt {prompt.position}"},
            )
        self.helper = _helper(
            *(
                Field.textarea(f"answer_{prompt.pk}", label_size=Size.SMALL, rows=4)
                for prompt in prompts
            )
        )

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for prompt in self.prompts:
            text = (cleaned.get(f"answer_{prompt.pk}") or "").strip()
            if text:
                answers[prompt.pk] = text
            elif f"answer_{prompt.pk}" not in self.errors:
                self.add_error(f"answer_{prompt.pk}", f"Answer prompt {prompt.position}")
        cleaned["answers"] = answers
        return cleaned
