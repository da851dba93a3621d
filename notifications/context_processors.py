from django.utils.functional import SimpleLazyObject


def unread_count(request):
    """The unread count in the header, queried only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: user.notifications.unread().count())}
