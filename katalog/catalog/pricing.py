"""Rules about a product's price (pure)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def price_change_pct(old_idr: int, new_idr: int) -> Decimal:
    """Relative change in percent; from zero any rise counts as 100%."""
    if old_idr == new_idr:
        return Decimal("0")
    if old_idr == 0:
        return Decimal("100")
    return (Decimal(abs(new_idr - old_idr)) * 100) / Decimal(old_idr)


def price_change_needs_recuration(old_idr: int, new_idr: int) -> bool:
    """A change (up or down) above the configured percentage sends a listed product back to curation."""
    limit = Decimal(str(settings.KATALOG["PRICE_CHANGE_RECURATION_PCT"]))
    return price_change_pct(old_idr, new_idr) > limit
