"""The arithmetic of the P3DN figures, in one place and free of the database.

Shares are percentages of the realised value with one decimal, rounded half up, so the page, the exports and
the API all show the same number. A share of nothing is None ("—"), not 0%.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def share_pct(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, half up; None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def gap_pct(actual: Decimal | None, target: Decimal | None) -> Decimal | None:
    """How many percentage points the share is below its target (negative: above it)."""
    if actual is None or target is None:
        return None
    return (Decimal(target) - actual).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Totals:
    """Realised purchases of some slice: rupiah in total and of PDN, local and small-business products."""

    value_idr: int = 0
    pdn_idr: int = 0
    local_idr: int = 0
    umk_idr: int = 0
    order_count: int = 0

    @classmethod
    def of(cls, row: dict | None) -> Totals:
        row = row or {}
        return cls(**{f.name: int(row.get(f.name) or 0) for f in fields(cls)})

    def __add__(self, other: Totals) -> Totals:
        return Totals(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def pdn_pct(self) -> Decimal | None:
        return share_pct(self.pdn_idr, self.value_idr)

    @property
    def local_pct(self) -> Decimal | None:
        return share_pct(self.local_idr, self.value_idr)

    @property
    def umk_pct(self) -> Decimal | None:
        return share_pct(self.umk_idr, self.value_idr)


def add_up(totals) -> Totals:
    result = Totals()
    for item in totals:
        result = result + item
    return result


@dataclass
class Funnel:
    """Vendors at each step from registering to their first order."""

    registered: int = 0
    verified: int = 0
    product_listed: int = 0
    first_order: int = 0

    def steps(self) -> list[tuple[str, int, Decimal | None]]:
        """(step, vendors, percent of the registered)."""
        return [(name, getattr(self, name), share_pct(getattr(self, name), self.registered))
                for name in ("registered", "verified", "product_listed", "first_order")]
