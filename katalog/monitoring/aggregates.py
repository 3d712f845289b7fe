"""Keeping the monthly purchase sums equal to the paid orders.

A month is rebuilt whole from its order lines (delete, then insert, in one transaction), which makes a
refresh idempotent and lets any number of workers run it: on PostgreSQL an advisory lock per month makes
two refreshes of the same month take turns; SQLite runs one writing transaction at a time anyway.
A change to a paid order marks its month stale and queues a refresh (see hooks.py); the refresh rebuilds
every month marked so far, so tasks queued by a burst of changes after the first find nothing left to do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from katalog.catalog.models import Category
from katalog.events.realisation import REALISED_ORDER_STATUSES
from katalog.procurement.models import Order, OrderLine

from .models import PurchaseBuyerMonth, PurchaseCell, PurchaseRollup, PurchaseVendorMonth, StaleMonth

SUM_FIELDS = ("value_idr", "pdn_idr", "local_idr", "umk_idr", "order_count")
_BATCH = 2000


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def category_roots() -> dict[int, int]:
    """Each category's top-level ancestor (itself for a top-level one)."""
    parents = dict(Category.objects.values_list("id", "parent_id"))

    def root(category_id: int) -> int:
        seen = set()
        while parents.get(category_id) and category_id not in seen:
            seen.add(category_id)
            category_id = parents[category_id]
        return category_id

    return {category_id: root(category_id) for category_id in parents}


def month_cells(month: dt.date, roots: dict[int, int] | None = None) -> list[PurchaseCell]:
    """The cells of one month, computed from the lines of the orders paid in full in it."""
    roots = roots if roots is not None else category_roots()
    lines = (
        OrderLine.objects.filter(
            order__realised_on__gte=month, order__realised_on__lt=next_month(month),
            order__status__in=REALISED_ORDER_STATUSES,
        )
        .order_by("order_id", "position", "id")
        .values_list(
            "order_id", "order__buyer_organisation_id", "order__buyer_organisation__buyer_type",
            "order__vendor_id", "order__vendor__region_id", "category_id", "quantity", "unit_price_idr",
            "is_pdn", "is_local", "is_umk",
        )
    )
    sums: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(SUM_FIELDS, 0))
    largest: dict[int, tuple[int, tuple]] = {}
    for order_id, buyer_id, buyer_type, vendor_id, region_id, category_id, quantity, price, pdn, local, umk in (
        lines.iterator(chunk_size=_BATCH)
    ):
        key = (buyer_id, buyer_type, vendor_id, region_id, category_id)
        value = quantity * price
        cell = sums[key]
        cell["value_idr"] += value
        cell["pdn_idr"] += value if pdn else 0
        cell["local_idr"] += value if local else 0
        cell["umk_idr"] += value if umk else 0
        if order_id not in largest or value > largest[order_id][0]:
            largest[order_id] = (value, key)
    for _value, key in largest.values():
        sums[key]["order_count"] += 1
    return [
        PurchaseCell(
            month=month, buyer_organisation_id=buyer_id, buyer_type=buyer_type, vendor_id=vendor_id,
            vendor_region_id=region_id, category_id=category_id, category_root_id=roots.get(category_id, category_id),
            **values,
        )
        for (buyer_id, buyer_type, vendor_id, region_id, category_id), values in sums.items()
    ]


def rollup(cells: Iterable[PurchaseCell]) -> list[PurchaseRollup]:
    """The cells summed over buyer organisations and vendors."""
    sums: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(SUM_FIELDS, 0))
    for cell in cells:
        key = (cell.month, cell.buyer_type, cell.vendor_region_id, cell.category_id, cell.category_root_id)
        for field in SUM_FIELDS:
            sums[key][field] += getattr(cell, field)
    return [
        PurchaseRollup(month=month, buyer_type=buyer_type, vendor_region_id=region_id, category_id=category_id,
                       category_root_id=root_id, **values)
        for (month, buyer_type, region_id, category_id, root_id), values in sums.items()
    ]


def buyer_months(cells: Iterable[PurchaseCell]) -> list[PurchaseBuyerMonth]:
    """The cells summed per buyer."""
    sums: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(SUM_FIELDS, 0))
    for cell in cells:
        values = sums[cell.month, cell.buyer_organisation_id, cell.buyer_type]
        for field in SUM_FIELDS:
            values[field] += getattr(cell, field)
    return [PurchaseBuyerMonth(month=month, buyer_organisation_id=buyer_id, buyer_type=buyer_type, **values)
            for (month, buyer_id, buyer_type), values in sums.items()]


def vendor_months(cells: Iterable[PurchaseCell]) -> list[PurchaseVendorMonth]:
    """One row per vendor, buyer type and top-level category that the cells hold."""
    keys = {(c.month, c.vendor_id, c.buyer_type, c.vendor_region_id, c.category_root_id) for c in cells}
    return [PurchaseVendorMonth(month=month, vendor_id=vendor_id, buyer_type=buyer_type, vendor_region_id=region_id,
                                category_root_id=root_id)
            for month, vendor_id, buyer_type, region_id, root_id in sorted(keys, key=lambda k: k[:3] + (k[4],))]


def _lock_month(month: dt.date) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Key space of its own ("P3DN" in ASCII) so other advisory locks never collide with ours.
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x50334E, month.year * 100 + month.month])


def refresh_months(months: Iterable[dt.date]) -> int:
    """Rebuild the sums of these months; how many cells they hold now."""
    roots = category_roots()
    count = 0
    for month in sorted({month_start(m) for m in months}):
        with transaction.atomic():
            _lock_month(month)
            cells = month_cells(month, roots)
            for model in (PurchaseCell, PurchaseRollup, PurchaseBuyerMonth, PurchaseVendorMonth):
                model.objects.filter(month=month).delete()
            PurchaseCell.objects.bulk_create(cells, batch_size=_BATCH)
            PurchaseRollup.objects.bulk_create(rollup(cells), batch_size=_BATCH)
            PurchaseBuyerMonth.objects.bulk_create(buyer_months(cells), batch_size=_BATCH)
            PurchaseVendorMonth.objects.bulk_create(vendor_months(cells), batch_size=_BATCH)
        count += len(cells)
    return count


def refresh_stale_months() -> int:
    """Rebuild each month marked stale once, however many changes marked it, then remove the marks that
    were read. A mark committed after the read stays for the task queued with it: its change may not be
    in this rebuild. How many cells the rebuilt months hold."""
    marks = list(StaleMonth.objects.values_list("pk", "month"))
    if not marks:
        return 0
    count = refresh_months(month for _pk, month in marks)
    read = [pk for pk, _month in marks]
    for start in range(0, len(read), _BATCH):
        StaleMonth.objects.filter(pk__in=read[start:start + _BATCH]).delete()
    return count


def realised_months() -> list[dt.date]:
    """Every month that has a paid order or still has sums (a month whose orders all went away is emptied)."""
    paid = Order.objects.filter(realised_on__isnull=False).dates("realised_on", "month")
    summed = PurchaseCell.objects.dates("month", "month")
    return sorted({*paid, *summed})


def refresh_all() -> int:
    return refresh_months(realised_months())
