"""{% load networks_text %}: names shown on pages and in emails."""

from django import template

from networks import text

register = template.Library()


# is_safe: it only adds the isolate characters, so escaped input stays escaped.
@register.filter(is_safe=True)
def isolate_bidi(value: object) -> str:
    """A name that cannot reorder the text around it (see networks.text.isolate_bidi)."""
    return text.isolate_bidi(str(value))
