"""Forms for reflective logs and the research archive. Files are checked here (so the
error shows on the field) and again by the services, which decide and write."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from .forms import GovDateField, _helper
from .models import LogCadence, LogVisibility
from .services.logs import MAX_ATTACHMENTS, TEXT_LIMIT
from .uploads import ACCEPT, ALLOWED_HINT, UploadRefused, check_upload, limits_hint


def _file_help() -> str:
    return f"{ALLOWED_HINT} {limits_hint()}"


def _checked(upload):
    try:
        check_upload(upload.name, upload)
    except UploadRefused as error:
        raise forms.ValidationError(str(error)) from None
    return upload


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's recipe): cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class LogEntryForm(forms.Form):
    text = forms.CharField(
        label="Your entry",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What happened, what you noticed, what you are wondering about.",
        error_messages={"required": "Write something in your log entry"},
    )
    written_on = GovDateField(
        what="date of the entry",
        label="Date (optional)",
        required=False,
        help_text="Leave it empty for today. For example, 27 3 2026",
    )
    tags = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=400,
        help_text="Separate them with commas, for example: transition, parents, surgery",
    )
    visibility = forms.ChoiceField(
        label="Who can read it",
        choices=LogVisibility.choices,
        widget=forms.RadioSelect,
        initial=LogVisibility.PROJECT,
        error_messages={"required": "Choose who can read the entry"},
    )
    cluster = forms.TypedChoiceField(
        label="Your cluster",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Needed when only your cluster can read it.",
    )
    attachments = MultipleFileField(
        label="Attachments (optional)",
        required=False,
        help_text="Documents, photos, audio or video.",
    )

    def __init__(self, *args, clusters, **kwargs):
        """`clusters`: the author's clusters in the project, as Cluster objects."""
        super().__init__(*args, **kwargs)
        cluster_field = self.fields["cluster"]
        cluster_field.choices = [("", "None")] + [(c.pk, c.name) for c in clusters]  # type: ignore[attr-defined]
        self.fields["attachments"].help_text = f"Up to {MAX_ATTACHMENTS} files. {_file_help()}"
        fields = [
            Field.textarea("text", label_size=Size.MEDIUM, rows=8),
            Field("written_on"),
            Field.text("tags"),
            Field.radios("visibility", legend_size=Size.SMALL, small=True),
        ]
        if clusters:
            fields.append(Field.select("cluster"))
        else:
            del self.fields["cluster"]
            self.fields["visibility"].choices = [  # type: ignore[attr-defined]
                choice for choice in LogVisibility.choices if choice[0] != LogVisibility.CLUSTER
            ]
        fields.append(Field("attachments"))
        self.helper = _helper(*fields)

    def clean_tags(self) -> list[str]:
        return [tag for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"Attach at most {MAX_ATTACHMENTS} files")
        return [_checked(upload) for upload in files]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == LogVisibility.CLUSTER and not cleaned.get("cluster"):
            self.add_error("cluster", "Choose which of your clusters can read the entry")
        return cleaned


class LogCadenceForm(forms.Form):
    cadence = forms.ChoiceField(
        label="How often should people write in their reflective logs?",
        choices=LogCadence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often people should write"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("cadence", legend_size=Size.MEDIUM))


class LogReminderForm(forms.Form):
    reminders = forms.ChoiceField(
        label="Reflective log reminders",
        choices=[("on", "Remind me when my log entry is due"), ("off", "Do not remind me")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to be reminded"},
    )
    snooze = forms.ChoiceField(
        label="Snooze reminders",
        required=False,
        choices=[
            ("", "Do not snooze (or stop snoozing)"),
            ("week", "For a week"),
            ("fortnight", "For a fortnight"),
            ("month", "For four weeks"),
        ],
        widget=forms.RadioSelect,
        help_text="No reminder comes until then; your logs stay open to write in.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("reminders", legend_size=Size.MEDIUM),
            Field.radios("snooze", legend_size=Size.SMALL, small=True),
        )


class ArchiveFileField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("error_messages", {"required": "Choose a file to upload"})
        super().__init__(**kwargs)


class ArchiveVersionForm(forms.Form):
    file = ArchiveFileField(label="File")
    note = forms.CharField(
        label="What changed (optional)",
        required=False,
        max_length=300,
        help_text="For example: checked by the cluster; final version.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()
        self.helper = _helper(Field("file"), Field.text("note"))

    def clean_file(self):
        return _checked(self.cleaned_data["file"])


class ArchiveItemForm(ArchiveVersionForm):
    category = forms.TypedChoiceField(
        label="Category", coerce=int, error_messages={"required": "Choose a category"}
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cluster = forms.TypedChoiceField(
        label="Cluster (optional)", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, categories, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.pk: category for category in categories}
        self.fields["category"].choices = [("", "Choose a category")] + [  # type: ignore[attr-defined]
            (category.pk, category.name) for category in categories
        ]
        self.fields["cluster"].choices = [("", "The whole project")] + [  # type: ignore[attr-defined]
            (cluster.pk, cluster.name) for cluster in clusters
        ]
        self.helper = _helper(
            Field.select("category"),
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.select("cluster"),
            Field("file"),
            Field.text("note"),
        )

    def clean_category(self):
        category = self.categories.get(self.cleaned_data["category"])
        if category is None:
            raise forms.ValidationError("Choose a category")
        return category


class ArchiveCategoryForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=100, error_messages={"required": "Enter the category's name"}
    )
    description = forms.CharField(
        label="What goes in it (optional)", required=False, max_length=300
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("name"), Field.text("description"))
