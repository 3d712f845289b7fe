"""Helpers shared by the order services: settings, sides, status guards, input checks."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from katalog.core.errors import PermissionDeniedError, ValidationFailed

from .. import access
from ..models import NegotiationOffer, Order, OrderStatus
from ..transitions import refuse

Side = NegotiationOffer.Side


def setting(name: str, default):
    return settings.KATALOG.get(name, default)


def pp_limit_idr() -> int:
    return int(setting("PP_ORDER_LIMIT_IDR", 200_000_000))


def status_after_agreement(order: Order) -> str:
    """Above the pejabat pengadaan's limit the PPK must approve; within it the order is approved at once.

    Within the limit the buyer's own act (PP or PPK) is the approval; above it the PPK approves in a
    separate, recorded step even if the PPK sent the order.
    """
    return OrderStatus.AWAITING_APPROVAL if order.total_idr > pp_limit_idr() else OrderStatus.APPROVED


def expect_status(order: Order, statuses, action: str) -> None:
    """Refuse (409) unless the order is in one of `statuses` (narrower than the transition table)."""
    if order.status not in statuses:
        raise refuse(order, action)


def side_of(user, order: Order) -> str:
    """Which side the user acts for; outsiders get 404, curators (read-only) 403."""
    access.require_view(user, order)
    if access.is_buyer_of(user, order):
        return Side.BUYER
    if access.is_vendor_of(user, order):
        return Side.VENDOR
    raise PermissionDeniedError(_("Only the buyer or the vendor may do this."))


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(message, field_errors={field: [message]})
    return value


def positive_int(value, *, field: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        message = _("Enter a whole number of at least %(minimum)s.") % {"minimum": minimum}
        raise ValidationFailed(message, field_errors={field: [message]})
    return value


def line_id_map(order: Order, values: dict, *, field: str) -> dict[int, object]:
    """`values` keyed by line id (int or str, as JSON gives them), checked to be lines of this order."""
    line_ids = set(order.lines.values_list("pk", flat=True))
    result = {}
    for key, value in (values or {}).items():
        try:
            line_id = int(key)
        except (TypeError, ValueError):
            line_id = None
        if line_id not in line_ids:
            message = _("Line %(line)s is not part of this order.") % {"line": key}
            raise ValidationFailed(message, field_errors={field: [message]})
        result[line_id] = value
    return result


def recompute_total(order: Order) -> int:
    return sum(line.quantity * line.unit_price_idr for line in order.lines.all())
