"""Reading the facts the red-flag rules need, as the plain tuples of detection.py.

Orders count once actually sent (`submitted_at` set) and while not dead (cancelled, rejected, declined or
expired: `katalog.events.realisation.DEAD_ORDER_STATUSES`); drafts never count. Each function reads one
buyer organisation's or one vendor's rows, never every order of the province.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from katalog.catalog.models import Category
from katalog.catalog.selectors import listed_products
from katalog.events.realisation import DEAD_ORDER_STATUSES
from katalog.procurement.models import Order, OrderLine
from katalog.vendors.models import VendorDocument

from .detection import CategoryMedian, DocumentFact, PricedLine, SentOrder, catalogue_median


def counted_orders():
    """Orders that count for the red flags: sent, and not cancelled, rejected, declined or expired."""
    return Order.objects.filter(submitted_at__isnull=False).exclude(status__in=DEAD_ORDER_STATUSES)


def _counted_lines():
    return OrderLine.objects.filter(order__submitted_at__isnull=False).exclude(order__status__in=DEAD_ORDER_STATUSES)


def buyer_facts(buyer_id: int) -> tuple[list[SentOrder], list[PricedLine]]:
    """A buyer organisation's counted orders (with their value per category) and their lines."""
    headers = list(
        counted_orders().filter(buyer_organisation_id=buyer_id).order_by()
        .values_list("pk", "vendor_id", "total_idr", "submitted_at", "local_justification", "pdn_justification")
    )
    vendors = {order_id: vendor_id for order_id, vendor_id, *_ in headers}
    rows = list(
        _counted_lines().filter(order__buyer_organisation_id=buyer_id).order_by()
        .values_list("order_id", "pk", "name", "category_id", "quantity", "unit_price_idr")
    )
    category_names = dict(
        Category.objects.filter(pk__in={row[3] for row in rows}).values_list("pk", "name")
    )
    per_category: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    lines = []
    for order_id, line_id, name, category_id, quantity, unit_price in rows:
        if order_id not in vendors:
            continue  # sent between the two reads: the next refresh counts it
        per_category[order_id][category_id] += quantity * unit_price
        lines.append(PricedLine(
            order_id=order_id, buyer_id=buyer_id, vendor_id=vendors[order_id], line_id=line_id, name=name,
            category_id=category_id, category_name=category_names.get(category_id, ""), quantity=quantity,
            unit_price_idr=unit_price,
        ))
    orders = [
        SentOrder(
            id=order_id, buyer_id=buyer_id, vendor_id=vendor_id, value_idr=total, sent_on=timezone.localdate(sent_at),
            category_values=tuple(sorted(per_category[order_id].items())),
            local_justification=local_text, pdn_justification=pdn_text,
        )
        for order_id, vendor_id, total, sent_at, local_text, pdn_text in headers
    ]
    return orders, lines


def catalogue_medians(category_ids: Iterable[int] | None = None) -> dict[int, CategoryMedian]:
    """Per category: the median price of its listed products (approved, verified vendor); only categories
    with enough products for a median. Every category when `category_ids` is None."""
    qs = listed_products().prefetch_related(None).order_by()
    if category_ids is not None:
        qs = qs.filter(category_id__in=list(category_ids))
    prices: dict[int, list[int]] = defaultdict(list)
    for category_id, price in qs.values_list("category_id", "price_idr"):
        prices[category_id].append(price)
    medians = {category_id: catalogue_median(values) for category_id, values in prices.items()}
    return {category_id: median for category_id, median in medians.items() if median is not None}


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def vendor_facts(vendor_id: int, *, today: dt.date) -> tuple[list[DocumentFact], dict[int, int], list[SentOrder]]:
    """A vendor's documents, its listed product count ({vendor id: count}), and its counted orders sent after
    the earliest expiry among its documents (none read when no document has expired)."""
    documents = [
        DocumentFact(id=pk, vendor_id=vendor_id, kind=kind, number=number, valid_until=valid_until)
        for pk, kind, number, valid_until in VendorDocument.objects.filter(vendor_id=vendor_id)
        .order_by().values_list("pk", "kind", "number", "valid_until")
    ]
    expired = [d.valid_until for d in documents if d.valid_until is not None and d.valid_until < today]
    if not expired:
        return documents, {}, []
    listed = {vendor_id: listed_products().prefetch_related(None).filter(vendor_id=vendor_id).count()}
    since = _start_of(min(expired) + dt.timedelta(days=1))
    orders = [
        SentOrder(id=pk, buyer_id=buyer_id, vendor_id=vendor_id, value_idr=total, sent_on=timezone.localdate(sent_at))
        for pk, buyer_id, total, sent_at in counted_orders()
        .filter(vendor_id=vendor_id, submitted_at__gte=since).order_by()
        .values_list("pk", "buyer_organisation_id", "total_idr", "submitted_at")
    ]
    return documents, listed, orders


def buyers_with_orders() -> list[int]:
    return list(counted_orders().order_by().values_list("buyer_organisation_id", flat=True).distinct())


def vendors_with_expired_documents(*, today: dt.date) -> list[int]:
    return list(
        VendorDocument.objects.filter(valid_until__lt=today).order_by().values_list("vendor_id", flat=True).distinct()
    )
