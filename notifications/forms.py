"""The email settings form: one radio group per notification category."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from .models import Notification, NotificationPreference

Category = Notification.Category

# What each category covers, as the hint under its legend: people choose by what
# the emails are about, not by our category names.
CATEGORY_HINTS: dict[str, str] = {
    Category.ACCOUNT: "When you are given a role, such as facilitating an LA's project, "
    "or a role of yours ends.",
    Category.REVIEW: "When a question is submitted for you to review, or one of your "
    "questions has changes requested or is agreed.",
    Category.COMMENT: "When someone comments on one of your questions or on a question you review.",
    Category.ALIGNMENT: "When one of your questions is rated for alignment, or an alignment "
    "review you made goes out of date.",
    Category.FEEDBACK: "When a feedback loop asks your cluster for its answers, reminds you "
    "before it closes, or circulates its digest.",
    Category.PLANS: "When you are made the owner of an item in a project plan or enquiry plan.",
    Category.REFLECTIVE_LOG: "When a project you take part in asks for your reflective log "
    "entry and you have not written one yet this period.",
    Category.MEETINGS: "When you are asked to a meeting, meeting notes wait for your cluster "
    "to check, a check is due soon, or notes are circulated.",
    Category.REPORTS: "When a case study you asked for is ready, or could not be built.",
}


class EmailSettingsForm(forms.Form):
    """Fields are named by category value; cleaned_data is ready for
    services.notification_preferences_update(deliveries=...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category, label in Category.choices:
            field = forms.ChoiceField(
                label=label,
                help_text=CATEGORY_HINTS[category],
                choices=NotificationPreference.Delivery.choices,
                widget=forms.RadioSelect,
            )
            message = f"Choose how to get emails about {label.lower()}"
            field.error_messages["required"] = message
            field.error_messages["invalid_choice"] = message
            self.fields[category] = field
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template writes {% csrf_token %} inside its <form>
        self.helper.layout = Layout(
            *(Field.radios(category, legend_size=Size.MEDIUM) for category in Category.values),
            Submit("submit", "Save email settings"),
        )
