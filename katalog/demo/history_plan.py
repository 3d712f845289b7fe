"""Planning the demo's purchase history (history.py writes it): which buyer bought what from whom, when.

Each month gets as many orders as its season expects, shared among the buyers by how much they buy; each
order goes to a vendor whose products were listed before it was made, weighed by the buyer's categories, its
preference for local and for micro and small vendors, and the vendors it bought from before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from katalog.accounts.models import Membership, Organisation
from katalog.audit.models import AuditEvent
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.monitoring.aggregates import category_roots
from katalog.procurement import selectors as procurement_selectors
from katalog.procurement.models import Holiday, OrderLine
from katalog.procurement.services.orders import _build_lines as snapshot_lines
from katalog.procurement.workdays import is_working_day
from katalog.vendors.models import Vendor, VendorStatus

from . import history_data as data

MONTHS = 18
ORDERS = 330  # about: months are rounded
MIN_ORDER_IDR, MAX_ORDER_IDR = 1_000_000, 300_000_000
PAID_SHARE_COMPLETED = 0.65  # of the orders of buyers with a demo PPK: completed and rated


@dataclass
class Seller:
    vendor: Vendor
    lampung: bool
    umk: bool
    products: list[Product]  # listed (each with its snapshot line in Planner.templates)


@dataclass
class Planned:
    buyer: Organisation
    seller: Seller
    created_at: dt.datetime
    paid_on: list[dt.date]  # one date, or two for two instalments
    lines: list[tuple[Product, int, int]]  # (product, quantity, agreed unit price)
    completed_at: dt.datetime | None = None
    local_justification: str = ""
    pdn_justification: str = ""
    snapshots: list[OrderLine] = field(default_factory=list, repr=False)  # per line, as order_create makes it
    order: object = field(default=None, repr=False)  # the Order once written

    @property
    def total(self) -> int:
        return sum(quantity * price for _product, quantity, price in self.lines)

    @property
    def main_category_id(self) -> int:
        """The category of the largest line."""
        values = [quantity * price for _product, quantity, price in self.lines]
        return self.snapshots[values.index(max(values))].category_id


def ppk_users(buyers) -> dict[int, object]:
    """Each buyer organisation's PPK among the demo logins (the first by username)."""
    found = {}
    for membership in (Membership.objects.filter(organisation__in=list(buyers), role=Membership.Role.BUYER_PPK)
                       .select_related("user").order_by("user__username")):
        found.setdefault(membership.organisation_id, membership.user)
    return found


# ---- Calendar ----

def history_months(today: dt.date) -> list[dt.date]:
    """The first days of the last MONTHS months, this one included."""
    month = today.replace(day=1)
    months = [month]
    for _ in range(MONTHS - 1):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.insert(0, month)
    return months


def working_days(month: dt.date, before: dt.date, holidays) -> list[dt.date]:
    last = calendar.monthrange(month.year, month.month)[1]
    days = (month.replace(day=d) for d in range(1, last + 1))
    return [day for day in days if day < before and is_working_day(day, holidays)]


def working_day_before(day: dt.date, days: int, holidays) -> dt.date:
    """`days` calendar days earlier (later when negative), then back to a working day."""
    day -= dt.timedelta(days=days)
    while not is_working_day(day, holidays):
        day -= dt.timedelta(days=1)
    return day


def office_hours(day: dt.date, rng: random.Random, first_hour: int = 8, last_hour: int = 15) -> dt.datetime:
    moment = dt.time(rng.randint(first_hour, last_hour), rng.choice([0, 10, 15, 20, 30, 40, 45, 50]))
    return timezone.make_aware(dt.datetime.combine(day, moment))


# ---- Choosing ----

def _weighted(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights=weights, k=1)[0]


def _nice(quantity: float) -> int:
    """Quantities as people order them: 7, 45, 120, 350, 1,500."""
    if quantity < 10:
        return max(1, round(quantity))
    step = 5 if quantity < 100 else 10 if quantity < 500 else 50 if quantity < 2000 else 100
    return max(step, round(quantity / step) * step)


def _flag_categories() -> set[int]:
    """Categories of the lines a red flag was raised on (their reference price is the stories' own)."""
    flagged = AuditEvent.objects.filter(event_type=procurement_selectors.PRICE_FLAG_EVENT).values_list(
        "target_id", flat=True)
    return set(OrderLine.objects.filter(order_id__in=[int(pk) for pk in flagged]).values_list("category_id", flat=True))


class Planner:
    def __init__(self, rng: random.Random, now: dt.datetime):
        self.rng = rng
        self.now = now
        self.holidays = set(Holiday.objects.values_list("date", flat=True))
        self.sellers: list[Seller] = []
        self.templates: dict[int, OrderLine] = {}
        self._load_sellers(_flag_categories())
        roots = category_roots()
        names = dict(Category.objects.values_list("pk", "name"))
        self.root_name = {pk: names[roots[pk]] for pk in roots}
        self.pairs: Counter = Counter()  # (buyer id, vendor id) -> orders so far

    def _load_sellers(self, excluded_categories: set[int]) -> None:
        """Verified vendors with listed products, and each product's snapshot line as order_create makes it."""
        vendors = Vendor.objects.filter(status=VendorStatus.VERIFIED).select_related("region").order_by("code")
        for vendor in vendors:
            products = [p for p in vendor.products.filter(status=ProductStatus.APPROVED)
                        .exclude(category_id__in=excluded_categories).order_by("sku")
                        if p.price_idr * p.min_order <= MAX_ORDER_IDR]
            if not products:
                continue
            for line in snapshot_lines(vendor=vendor, lines=[(p, p.min_order) for p in products]):
                self.templates[line.product_id] = line
            region = vendor.region.code if vendor.region_id else ""
            self.sellers.append(Seller(vendor, region.startswith("18."), vendor.scale in ("mikro", "kecil"), products))

    def leanings(self, buyer: Organisation) -> dict[str, float]:
        return {**data.HABITS[buyer.buyer_type].categories, **data.LEANINGS.get(buyer.name, {})}

    def pick_seller(self, buyer: Organisation, at: dt.datetime) -> tuple[Seller, list[Product]] | None:
        habits, leanings = data.HABITS[buyer.buyer_type], self.leanings(buyer)
        region = buyer.region.code if buyer.region_id else ""
        choices, weights = [], []
        for seller in self.sellers:
            products = [p for p in seller.products if p.approved_at < at]
            fitting = {self.root_name[p.category_id] for p in products} & set(leanings)
            if not fitting:
                continue
            vendor_region = seller.vendor.region.code if seller.vendor.region_id else ""
            weight = sum(leanings[name] for name in fitting)
            weight *= (1 if seller.lampung else habits.non_local) * (1 if seller.umk else habits.non_umk)
            weight *= data.QUIET_REGENCIES.get(vendor_region, 1.0)
            weight *= habits.own_regency if vendor_region == region else 1.0
            weight *= 1 + 2 * min(self.pairs[buyer.pk, seller.vendor.pk], 3)  # buyers come back to vendors they know
            choices.append((seller, products))
            weights.append(weight)
        return _weighted(self.rng, choices, weights) if choices else None

    def lines(self, buyer: Organisation, products: list[Product]) -> list[tuple[Product, int, int]]:
        """One to three products at quantities near a typical order of the buyer, Rp1 juta to Rp300 juta."""
        rng, leanings = self.rng, self.leanings(buyer)
        pool, chosen = list(products), []
        for _ in range(min(len(pool), _weighted(rng, [1, 2, 3], [0.55, 0.3, 0.15]))):
            weights = [leanings.get(self.root_name[p.category_id], 0.2) for p in pool]
            chosen.append(pool.pop(pool.index(_weighted(rng, pool, weights))))
        median = data.HABITS[buyer.buyer_type].median_idr
        target = min(250_000_000, max(1_200_000, rng.lognormvariate(math.log(median), 0.9)))
        shares = [rng.uniform(0.5, 1.5) for _ in chosen]
        lines = []
        for product, share in zip(chosen, shares, strict=True):
            wanted = target * share / sum(shares) / product.price_idr
            ceiling = max(product.min_order, _nice(3 * (product.capacity_per_month or 1000)))  # three months' make
            price = product.price_idr
            if price >= 20_000 and rng.random() < 0.25:  # negotiated a few percent down
                step = 500 if price >= 100_000 else 100
                price -= int(price * rng.uniform(0.02, 0.08)) // step * step
            lines.append([product, min(max(product.min_order, _nice(wanted)), ceiling), price])
        total = sum(quantity * price for _product, quantity, price in lines)
        if total < MIN_ORDER_IDR:
            lines = [[product, quantity * math.ceil(MIN_ORDER_IDR / total), price] for product, quantity, price in lines]
        while sum(quantity * price for _product, quantity, price in lines) > MAX_ORDER_IDR:
            biggest = max(lines, key=lambda line: line[1] * line[2])
            if biggest[1] // 2 < biggest[0].min_order:
                lines.remove(biggest)
            else:
                biggest[1] //= 2
        return [tuple(line) for line in lines]

    def order(self, buyer: Organisation, paid_on: dt.date, *, has_ppk: bool) -> Planned | None:
        """One order paid on `paid_on`, made 10 to 45 days before; None when no vendor sells what it buys."""
        rng = self.rng
        created_day = working_day_before(paid_on, rng.randint(10, 45), self.holidays)
        created_at = office_hours(created_day, rng)
        picked = self.pick_seller(buyer, created_at - dt.timedelta(days=1))
        lines = self.lines(buyer, picked[1]) if picked else []
        if not lines:
            return None
        planned = Planned(buyer, picked[0], created_at, [paid_on], lines)
        first_instalment = working_day_before(paid_on, rng.randint(10, 25), self.holidays)
        if rng.random() < 0.15 and first_instalment > created_day + dt.timedelta(days=5):
            planned.paid_on = [first_instalment, paid_on]
        rated = office_hours(working_day_before(paid_on, -rng.randint(1, 6), self.holidays), rng, 9, 15)
        if has_ppk and rng.random() < PAID_SHARE_COMPLETED and rated < self.now - dt.timedelta(hours=1):
            planned.completed_at = rated
        self.pairs[buyer.pk, picked[0].vendor.pk] += 1
        return planned

    def justify(self, plans: list[Planned]) -> None:
        """Snapshots, and what order_send would have asked for: why not local, why not PDN, where a listed
        product was."""
        for planned in plans:
            planned.snapshots = [self.templates[product.pk] for product, _quantity, _price in planned.lines]
        categories = {line.category_id for planned in plans for line in planned.snapshots}
        local_alternatives = procurement_selectors.categories_with_local_alternative(categories)
        pdn_alternatives = procurement_selectors.categories_with_pdn_alternative(categories)
        for planned in plans:
            if any(not s.is_local and s.category_id in local_alternatives for s in planned.snapshots):
                planned.local_justification = self.rng.choice(data.LOCAL_JUSTIFICATIONS)
            if any(not s.is_pdn and s.category_id in pdn_alternatives for s in planned.snapshots):
                planned.pdn_justification = self.rng.choice(data.PDN_JUSTIFICATIONS)


def plan_orders(rng: random.Random, buyers: list[Organisation], now: dt.datetime) -> list[Planned]:
    """About ORDERS orders over the last MONTHS months (this one so far), oldest first."""
    planner = Planner(rng, now)
    today = timezone.localdate(now)
    months = []
    for month in history_months(today):
        next_month = (month + dt.timedelta(days=32)).replace(day=1)
        days = working_days(month, today, planner.holidays)
        gone_by = len(days) / max(1, len(working_days(month, next_month, planner.holidays)))
        weights = [data.ACTIVITY.get(b.name, 1.0) * data.HABITS[b.buyer_type].season[month.month - 1] * gone_by
                   for b in buyers]
        months.append((days, weights))
    scale = ORDERS / sum(sum(weights) for _days, weights in months)
    has_ppk = set(ppk_users(buyers))
    plans = []
    for days, weights in months:
        # As many orders as the season expects: a month left empty by chance would look like a fault.
        for _ in range(round(scale * sum(weights)) if days else 0):
            buyer = _weighted(rng, buyers, weights)
            planned = planner.order(buyer, rng.choice(days), has_ppk=buyer.pk in has_ppk)
            if planned is not None:
                plans.append(planned)
    planner.justify(plans)
    plans.sort(key=lambda planned: planned.created_at)
    return plans
