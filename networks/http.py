"""Request types for annotations only: what the middleware and decorators guarantee.

Nothing here is instantiated. `HtmxHttpRequest` is any request that went through
django-htmx's middleware; `AuthenticatedHttpRequest` is one inside a
`@login_required` view, where `request.user` is always a `User`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from networks.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User  # narrower than HttpRequest's User | AnonymousUser
