"""How much of a commitment became real purchases: which orders count, and the realisation rate.

Pure: no database. The selectors and the report feed it the orders' statuses and totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from katalog.procurement.models import OrderStatus

# An order realises a commitment once it is paid: its money has actually been spent.
REALISED_ORDER_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.COMPLETED})
# Orders that never will: they cannot be linked to a commitment and count for nothing.
DEAD_ORDER_STATUSES = frozenset({OrderStatus.CANCELLED, OrderStatus.REJECTED, OrderStatus.DECLINED,
                                 OrderStatus.EXPIRED})

RATE_PLACES = Decimal("0.1")


def realised_idr(orders: Iterable[tuple[str, int]]) -> int:
    """The total of the (status, total_idr) orders that reached a realised status."""
    return sum(total for status, total in orders if status in REALISED_ORDER_STATUSES)


def in_progress_idr(orders: Iterable[tuple[str, int]]) -> int:
    """The total of the orders on their way: neither realised yet nor dead."""
    return sum(total for status, total in orders
               if status not in REALISED_ORDER_STATUSES and status not in DEAD_ORDER_STATUSES)


def realisation_rate_pct(realised: int, committed: int) -> Decimal | None:
    """Realised value as a percentage of committed value, one decimal, half up; None without commitments.
    It may pass 100 when more was bought than committed."""
    if committed <= 0:
        return None
    return (Decimal(realised) * 100 / Decimal(committed)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
