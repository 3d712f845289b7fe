from django.conf import settings


def site(request):
    """Site name and the role flags the navigation needs (no extra queries for anonymous users)."""
    from katalog.accounts import access

    user = getattr(request, "user", None)
    return {
        "site_name": settings.KATALOG["SITE_NAME"],
        "nav_is_curator": access.is_curator(user),
        "nav_is_leader": access.is_leader(user),
        "nav_is_vendor": access.vendor_membership(user) is not None if user and user.is_authenticated else False,
        "nav_is_buyer": access.buyer_membership(user) is not None if user and user.is_authenticated else False,
    }
