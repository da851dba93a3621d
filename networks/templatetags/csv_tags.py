"""The CSV link of a list page keeps the page's filters (and drops its page number)."""

from django import template

register = template.Library()


@register.filter
def without_page(query_dict) -> str:
    """`{{ request.GET|without_page }}`: "?name=Essex" or "" when unfiltered."""
    query = query_dict.copy()
    query.pop("page", None)
    query.pop("stale_page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""
