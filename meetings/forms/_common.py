from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout


def helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # templates write <form novalidate> and the button
    helper.disable_csrf = True  # ...and their own {% csrf_token %}
    helper.layout = Layout(*fields)
    return helper
