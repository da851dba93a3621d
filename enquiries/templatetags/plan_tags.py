"""Tags for plan and feedback-loop pages: status tags that say in words what their
colour says (an overdue item says "Overdue")."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from enquiries.models import PlanItem

register = template.Library()

STATUS_COLOURS = {
    PlanItem.Status.NOT_STARTED: "grey",
    PlanItem.Status.IN_PROGRESS: "blue",
    PlanItem.Status.DONE: "green",
    PlanItem.Status.DROPPED: "grey",
}


@register.simple_tag
def plan_status_tag(item, overdue: bool = False) -> SafeString:
    tag = format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        STATUS_COLOURS.get(item.status, "grey"),
        item.get_status_display(),
    )
    if overdue:
        tag += format_html(' <strong class="govuk-tag govuk-tag--red">{}</strong>', "Overdue")
    return tag


@register.simple_tag
def loop_state_tag(loop) -> SafeString:
    colour = "grey" if loop.is_closed else ("green" if loop.has_opened else "blue")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, loop.state_label
    )
