from django.utils.functional import SimpleLazyObject


def notifications(request):
    """The navigation bell's unread count, counted only when a page shows it."""
    from . import selectors

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_unread_notifications": 0}
    return {"nav_unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(user))}
