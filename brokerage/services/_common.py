"""What the brokerage services share: the refusal people read, and the checks every
piece of typed input goes through before it is saved.

Forms check the same things first so the message sits beside the field; the
services check again because they are the only way in (demo data, tests, a future
import), and a service must never save what a form would have refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from networks import service_input
from networks.models import Cluster
from networks.service_input import CONTROL_BUT_LINE_BREAKS as CONTROL_BUT_LINE_BREAKS
from networks.service_input import require as require


class BrokerageError(Exception):
    """A refusal the person can read and act on, e.g. "Choose one of Essex's clusters"."""


MAX_MONEY = Decimal("9999999999.99")  # what a DecimalField(12, 2) holds
MAX_DAYS = Decimal("99999.9")
EARLIEST = dt.date(1990, 1, 1)


def line(value: str, what: str, *, required: bool = True, max_length: int = 200) -> str:
    """One line of text: whitespace runs collapsed, control characters refused."""
    return service_input.line(BrokerageError, value, what, required=required, max_length=max_length)


def text(value: str, what: str, *, required: bool = True, max_length: int = 4000) -> str:
    """Several lines of text: line endings made \\n, other control characters refused."""
    return service_input.text(BrokerageError, value, what, required=required, max_length=max_length)


def money(value, what: str, *, required: bool = True) -> Decimal | None:
    """An amount in pounds and pence, not negative."""
    if value is None or value == "":
        if required:
            raise BrokerageError(f"Enter the {what}.")
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise BrokerageError(f"Enter the {what} as a number of pounds, like 1500.50.") from None
    if not amount.is_finite():
        raise BrokerageError(f"Enter the {what} as a number of pounds, like 1500.50.")
    if amount < 0:
        raise BrokerageError(f"The {what} cannot be negative.")
    if amount > MAX_MONEY:
        raise BrokerageError(f"The {what} must be less than £10,000,000,000.")
    if amount != amount.quantize(Decimal("0.01")):
        raise BrokerageError(f"The {what} can have at most two decimal places (pence).")
    return amount.quantize(Decimal("0.01"))


def days(value, what: str = "facilitation time") -> Decimal:
    if value is None or value == "":
        return Decimal("0")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise BrokerageError(f"Enter the {what} as a number of days, like 2.5.") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_DAYS:
        raise BrokerageError(f"Enter the {what} as a number of days, like 2.5.")
    if amount != amount.quantize(Decimal("0.1")):
        raise BrokerageError(f"Give the {what} to the nearest tenth of a day.")
    return amount.quantize(Decimal("0.1"))


def past_date(value, what: str) -> dt.date:
    """A date that has happened: not in the future, not before 1990."""
    if value is None:
        raise BrokerageError(f"Enter the {what}.")
    if not isinstance(value, dt.date):
        raise BrokerageError(f"The {what} must be a real date.")
    if value > timezone.localdate():
        raise BrokerageError(f"The {what} cannot be in the future.")
    if value < EARLIEST:
        raise BrokerageError(f"The {what} must be in 1990 or later.")
    return value


def any_date(value, what: str, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise BrokerageError(f"Enter the {what}.")
        return None
    if not isinstance(value, dt.date):
        raise BrokerageError(f"The {what} must be a real date.")
    if value < EARLIEST:
        raise BrokerageError(f"The {what} must be in 1990 or later.")
    return value


def in_order(starts_on, ends_on, what: str = "end date") -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise BrokerageError(f"The {what} must be the same as or after the start date.")


def choice(value: str, choices, what: str) -> str:
    if value not in choices.values:
        raise BrokerageError(f"Choose a {what} from the list.")
    return value


def same_la(obj, la, what: str) -> None:
    """Refuse a cluster, partner or project of another LA (a forged id), with the same
    words as for one that does not exist."""
    if obj is None:
        raise BrokerageError(f"Choose one of {la.name}'s {what}.")
    la_id = obj.host_la_id if isinstance(obj, Cluster) else obj.la_id
    if la_id != la.pk:
        raise BrokerageError(f"Choose one of {la.name}'s {what}.")
