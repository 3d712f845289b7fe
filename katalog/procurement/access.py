"""Who may act on an order, in one place (built on accounts.access)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.core.errors import NotFoundError, PermissionDeniedError

from .models import Order, OrderStatus


def is_buyer_of(user, order: Order) -> bool:
    return access.is_member_of(user, order.buyer_organisation_id, Membership.BUYER_ROLES)


def is_ppk_of(user, order: Order) -> bool:
    return access.is_member_of(user, order.buyer_organisation_id, {Membership.Role.BUYER_PPK})


def is_vendor_of(user, order: Order) -> bool:
    return access.is_member_of(user, order.vendor.organisation_id, Membership.VENDOR_ROLES)


def can_view(user, order: Order) -> bool:
    """The buyer organisation, the vendor, and the curators (oversight) see an order.

    A draft is the buyer's own work in progress: the vendor sees the order once it is sent.
    """
    if is_buyer_of(user, order) or access.is_curator(user):
        return True
    return order.status != OrderStatus.DRAFT and is_vendor_of(user, order)


def require_view(user, order: Order) -> None:
    # Not "forbidden": whoever may not see an order is not told that it exists.
    if not can_view(user, order):
        raise NotFoundError(_("No such order."))


def require_buyer(user, order: Order) -> None:
    require_view(user, order)
    if not is_buyer_of(user, order):
        raise PermissionDeniedError(_("Only the buyer's PPK or pejabat pengadaan may do this."))


def require_ppk(user, order: Order) -> None:
    require_view(user, order)
    if not is_ppk_of(user, order):
        raise PermissionDeniedError(_("Only the buyer's PPK may do this."))


def require_vendor(user, order: Order) -> None:
    require_view(user, order)
    if not is_vendor_of(user, order):
        raise PermissionDeniedError(_("Only the vendor may do this."))
