"""Small template filters for brokerage pages: money, days, and choice labels."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def pounds(value) -> str:
    """£1,500 for whole pounds, £1,500.50 otherwise; a dash for none."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value).quantize(Decimal("0.01"))
    whole = amount == amount.to_integral_value()
    text = f"{int(amount):d}" if whole else f"{amount:.2f}"
    return f"£{intcomma(text)}"


@register.filter
def days(value) -> str:
    if not value:
        return "–"
    amount = Decimal(value).normalize()
    return f"{amount:f} day" + ("" if amount == 1 else "s")


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{value}%"


@register.filter
def reads_brokerage_of(user, la) -> bool:
    """{% if request.user|reads_brokerage_of:la %}: no query (the Scope is read)."""
    from ..rules import sees_la_brokerage

    return sees_la_brokerage(user, la)
