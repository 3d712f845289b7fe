"""What is published, and when: the rows behind the releases of a period, loaded in a fixed number of queries.

Published (each with its release date, an Asia/Jakarta calendar date for the monthly packages):

- an order once realised (status paid or completed, as `events.realisation` counts it), dated the day it
  was paid in full (`realised_on`);
- a mini-competition once awarded, dated its award; a published one that was cancelled, dated the
  cancellation (nothing changes a cancelled competition afterwards, so its `updated_at` is that moment).

Not published: drafts and orders on their way, cancelled/rejected/declined/expired orders, competitions never
published, and evaluated competitions not yet awarded (they may still be awarded or cancelled).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from katalog.catalog.models import Category
from katalog.events.realisation import REALISED_ORDER_STATUSES
from katalog.procurement.competitions import selectors as competition_selectors
from katalog.procurement.models import Competition, CompetitionStatus, Delivery, Order, Payment
from katalog.vendors.models import Vendor

from . import releases
from .releases import Lookups


def _moment(day: dt.date | None) -> dt.datetime | None:
    """The first moment of a Jakarta calendar day."""
    return None if day is None else dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def published_orders():
    return Order.objects.filter(status__in=REALISED_ORDER_STATUSES, realised_on__isnull=False)


def _awarded_q() -> Q:
    return Q(status=CompetitionStatus.AWARDED, awarded_at__isnull=False)


def _cancelled_q() -> Q:
    return Q(status=CompetitionStatus.CANCELLED, published_at__isnull=False)


def _orders_between(start: dt.date, end: dt.date | None) -> list[Order]:
    orders = published_orders().filter(realised_on__gte=start)
    if end is not None:
        orders = orders.filter(realised_on__lt=end)
    return list(
        orders.select_related("buyer_organisation__region__parent", "vendor__region__parent")
        .prefetch_related(
            "lines",
            Prefetch("payments", queryset=Payment.objects.order_by("paid_date", "id")),
            Prefetch("deliveries", queryset=Delivery.objects.select_related("bast").order_by("sequence")),
        )
        .order_by("realised_on", "id")
    )


def _competitions_between(start: dt.date, end: dt.date | None) -> list[Competition]:
    start_at, end_at = _moment(start), _moment(end)
    awarded = _awarded_q() & Q(awarded_at__gte=start_at)
    cancelled = _cancelled_q() & Q(updated_at__gte=start_at)
    if end_at is not None:
        awarded &= Q(awarded_at__lt=end_at)
        cancelled &= Q(updated_at__lt=end_at)
    return list(
        Competition.objects.filter(awarded | cancelled)
        .select_related("buyer_organisation__region__parent")
        .order_by("id")
    )


def _lookups(orders: list[Order], competitions: list[Competition]) -> Lookups:
    competition_ids = [c.pk for c in competitions]
    quotes = competition_selectors.quotes_for_publication(competition_ids) if competition_ids else {}
    vendor_ids = {q["vendor_id"] for rows in quotes.values() for q in rows}
    vendors = (
        {v.pk: v for v in Vendor.objects.filter(pk__in=vendor_ids).select_related("region__parent")}
        if vendor_ids else {}
    )
    awarded_ids = [c.pk for c in competitions if c.status == CompetitionStatus.AWARDED]
    competition_orders = (
        {o.competition_id: o for o in Order.objects.filter(competition_id__in=awarded_ids).prefetch_related("lines")}
        if awarded_ids else {}
    )
    category_ids = {c.category_id for c in competitions}
    for order in [*orders, *competition_orders.values()]:
        category_ids.update(line.category_id for line in order.lines.all())
    categories = dict(Category.objects.filter(pk__in=category_ids).values_list("id", "name")) if category_ids else {}
    return Lookups(categories=categories, vendors=vendors, quotes=quotes, competition_orders=competition_orders)


def releases_between(start: dt.date, end: dt.date | None = None) -> list[dict]:
    """Every release dated from the Jakarta calendar day `start` up to, not including, `end` (no end: up
    to now), oldest first. A fixed number of queries, however many releases."""
    orders = _orders_between(start, end)
    competitions = _competitions_between(start, end)
    lookups = _lookups(orders, competitions)
    result = [releases.order_release(order, lookups) for order in orders]
    result += [releases.competition_release(competition, lookups) for competition in competitions]
    # Every date is written in the same offset (+07:00), so the strings sort as the moments do.
    result.sort(key=lambda release: (release["date"], release["ocid"], release["id"]))
    return result


def _month(value) -> dt.date:
    """TruncMonth gives a date for a date column and a (Jakarta) datetime for a datetime column."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def release_counts_by_month(*, today: dt.date) -> list[dict]:
    """[{"month": date (the 1st), "count": releases}] for the months up to `today`'s that have releases,
    newest first."""
    zone = timezone.get_default_timezone()
    counts: dict[dt.date, int] = {}
    queries = [
        published_orders().annotate(month=TruncMonth("realised_on")),
        Competition.objects.filter(_awarded_q()).annotate(month=TruncMonth("awarded_at", tzinfo=zone)),
        Competition.objects.filter(_cancelled_q()).annotate(month=TruncMonth("updated_at", tzinfo=zone)),
    ]
    for query in queries:
        for row in query.order_by().values("month").annotate(count=Count("id")):
            month = _month(row["month"])
            counts[month] = counts.get(month, 0) + row["count"]
    current = today.replace(day=1)
    return [{"month": month, "count": count} for month, count in sorted(counts.items(), reverse=True) if month <= current]
