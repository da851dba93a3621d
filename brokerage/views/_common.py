"""What the brokerage views share: pagination, the LA pages' context, and posting."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

from networks.models import LocalAuthority

from .. import rules

# The LA's brokerage pages, in the order the sub-navigation lists them:
# (section, URL name, label).
SECTIONS = (
    ("dashboard", "brokerage:la_dashboard", "Dashboard"),
    ("membership", "brokerage:la_membership", "Membership"),
    ("map", "brokerage:la_map", "Network map"),
    ("activities", "brokerage:activity_list", "Activities"),
    ("partners", "brokerage:partner_list", "Partners"),
    ("partnerships", "brokerage:partnership_list", "Partnerships"),
    ("resources", "brokerage:resource_list", "Resources"),
    ("services", "brokerage:service_list", "Commissioned services"),
    ("visits", "brokerage:visit_list", "Facilitation visits"),
    ("peer_reviews", "brokerage:peer_review_list", "Peer reviews"),
    ("exchanges", "brokerage:exchange_list", "Knowledge exchange"),
)


def paginate(request: HttpRequest, queryset) -> Page:
    """One page; a missing or bad page number gives the first or last page."""
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one, else None."""
    return request.POST if request.method == "POST" else None


def la_context(user, la: LocalAuthority, section: str, **extra) -> dict:
    """What every LA brokerage page's template reads: the LA, the sub-navigation and
    whether the person may record (no query: the Scope is already worked out)."""
    return {
        "la": la,
        "section": section,
        "sections": SECTIONS,
        "can_record": rules.records_la(user, la.pk),
        **extra,
    }


def save_or_show(request, form, save, *, done, template: str, context: dict):
    """The create views' shared step: on a valid POST call `save(form)` (one service
    call); a BrokerageError goes on the form as its message and nothing is saved.
    `done(obj)` gives (success message, where to go next)."""
    from django.contrib import messages
    from django.shortcuts import redirect, render

    from ..services import BrokerageError

    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except BrokerageError as error:
            form.add_error(None, str(error))
        else:
            message, url = done(obj)
            messages.success(request, message)
            return redirect(url)
    return render(request, template, {"form": form, **context})
