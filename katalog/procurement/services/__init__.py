"""Every write of the order lifecycle; each function is one transaction with its audit event."""

from .addenda import addendum_decide, addendum_propose  # noqa: F401
from .fulfilment import bast_sign, delivery_record, order_complete, payment_record, rating_record  # noqa: F401
from .negotiation import offer_accept, offer_make  # noqa: F401
from .orders import (  # noqa: F401
    order_accept_by_vendor,
    order_approve,
    order_cancel,
    order_create,
    order_decline,
    order_reject,
    order_send,
    order_update_lines,
    orders_expire,
    sp_issue,
)
