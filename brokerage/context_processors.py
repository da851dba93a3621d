from django.utils.functional import SimpleLazyObject

from . import rules


def brokerage_nav(request):
    """Whether "Brokerage" belongs in the menu, worked out only if a template asks
    (from the person's Scope, which every page with the menu reads anyway)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"sees_brokerage": False}
    return {"sees_brokerage": SimpleLazyObject(lambda: rules.sees_any_brokerage(user))}
