"""Orders and flags for the red-flag tests: orders go through the procurement services, so every test starts
from a state the code can reach."""

from __future__ import annotations

import datetime as dt

from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import services
from katalog.procurement.models import Order
from katalog.procurement.tests.factories import NOW, draft_order
from katalog.redflags.models import FlagKind, FlagStatus, RedFlag, Severity

JUTA = 1_000_000


def sent_order(*, buyer, vendor, price_idr: int, quantity: int = 2, now: dt.datetime = NOW, products=None,
               local_justification: str = "", pdn_justification: str = "") -> Order:
    """An order of `quantity` of one new listed product at `price_idr`, sent by `buyer` (the PPK) at `now`."""
    products = products or [ProductFactory(vendor=vendor, price_idr=price_idr)]
    order = draft_order(buyer=buyer, vendor=vendor, products=products, quantity=quantity, now=now,
                        delivery_date=(now + dt.timedelta(days=30)).date())
    return services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=now,
                               local_justification=local_justification, pdn_justification=pdn_justification)


def split_flag(*, orders, key: str, status: str = FlagStatus.OPEN, now: dt.datetime = NOW, **overrides) -> RedFlag:
    """A stored split-orders flag over `orders` (one buyer, one vendor), as a refresh would store it."""
    first, last = orders[0], orders[-1]
    total = sum(o.total_idr for o in orders)
    values = {
        "kind": FlagKind.SPLIT_ORDERS, "key": key, "severity": Severity.HIGH, "status": status,
        "params": {
            "dimension": "vendor", "limit_idr": 200 * JUTA, "window_days": 14, "total_idr": total,
            "count": len(orders), "vendor_count": 1, "largest_idr": max(o.total_idr for o in orders),
            "first_on": first.submitted_at.date().isoformat(), "last_on": last.submitted_at.date().isoformat(),
            "span_days": (last.submitted_at.date() - first.submitted_at.date()).days,
        },
        "order_ids": [o.pk for o in orders], "order_count": len(orders), "value_idr": total,
        "buyer_organisation_id": first.buyer_organisation_id, "vendor_id": first.vendor_id,
        "detected_at": now, "updated_at": now,
    }
    values.update(overrides)
    return RedFlag.objects.create(**values)
