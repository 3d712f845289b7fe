"""Procurement data: orders (paket) through Surat Pesanan, delivery, BAST and payment; mini-competitions."""

from .competitions import (  # noqa: F401
    COMPETITION_TRANSITIONS,
    Competition,
    CompetitionInvitation,
    CompetitionQuote,
    CompetitionStatus,
)
from .orders import (  # noqa: F401
    Addendum,
    Bast,
    BudgetSource,
    Delivery,
    DeliveryLine,
    Holiday,
    IdempotencyKey,
    NegotiationOffer,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    VendorRating,
)
