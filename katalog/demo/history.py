"""Eighteen months of purchase history ending at the demo's "now", so the P3DN dashboards have something to show.

The stories (orders.py, competitions.py) play two dozen orders through every procurement service; the
monitoring dashboards need hundreds of paid orders spread over the months. Playing some 330 more the same
way (create, send, Surat Pesanan, accept, ship, BAST, pay) costs about 0.28 s per order on SQLite (measured:
20 orders in 5.6 s), a minute and a half in all, so the history is written as what it stands for:
historical records imported from the buyers' earlier purchases, not workflow. The orders are written in
their final state with bulk_create:

- numbered in a series of their own, RIW-<year>-<n> ("riwayat"), in the order they were made;
- lines snapshotted by the function `order_create` uses (procurement.services.orders._build_lines), so names,
  prices and the PDN, local and UMK flags are the catalogue's own; some prices negotiated a few percent down;
- paid in one payment or in two instalments; `realised_on` is the last payment date (a working day);
- two thirds of the orders of buyers with a demo login completed and rated by their PPK;
- a local or PDN justification (`local_justification`, `pdn_justification`) wherever `order_send` would
  have asked for one (a non-local or non-PDN line in a category with a listed alternative);
- no audit timeline, deliveries, BAST or Surat Pesanan: those belong to the stories.

What the history looks like (planned in history_plan.py, from history_data.py): 21 buyer organisations of
all six types (thirteen added here, without logins; the curator stands in for their PPK) buy from the
verified vendors' listed products, more in the fourth quarter (government much more than companies), from
Rp1 juta to Rp300 juta an order, often again from a vendor they know.
Regional offices (OPD) buy local and from micro and small businesses, kabupaten offices from their own
regency; BUMN buy large and from outside Lampung; vendors in three regencies sell almost nothing. The
categories whose reference price a story's red flag was measured against are left alone, so the flag keeps
showing the median it was raised at.

Vendors registered over the past three years: their registration, verification and listing dates are
spread (vendors the stories use keep dates no later than before), and no order buys a product before it
was listed. Commitments (komitmen, without an event) of every buyer type are linked to some history orders:
some realised in part, some more than in full, some not yet.

Deterministic (one seeded random stream). A second run finds the RIW- orders and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from katalog.accounts.models import Organisation
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.events.models import Commitment, CommitmentRealisation, EventRegistration
from katalog.feed.services import record_changes
from katalog.matching.models import NeedInterest
from katalog.procurement.models import (
    CompetitionInvitation,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    VendorRating,
)
from katalog.regions.models import Region
from katalog.search.models import SearchEntry
from katalog.vendors.models import Vendor, VendorStatus

from . import history_data as data
from .history_plan import Planned, office_hours, plan_orders, ppk_users
from .people import ensure_curator
from .scenario import BUYER_ORGANISATIONS
from .stage import BUDGET_OF_BUYER_TYPE, rup_code

NUMBER_PREFIX = "RIW-"
SEED = "katalog-demo-history-1"
# What a line copies from its snapshot (the rest: its order, position, quantity and agreed price).
SNAPSHOT_FIELDS = [f.attname for f in OrderLine._meta.concrete_fields
                   if f.attname not in {"id", "order_id", "position", "quantity", "unit_price_idr"}]


def history_orders():
    return Order.objects.filter(number__startswith=NUMBER_PREFIX)


def load_history(*, now: dt.datetime, summary=None) -> int:
    """Write the history once (all of it or nothing); how many orders it added."""
    if history_orders().exists():
        return 0
    rng = random.Random(SEED)
    with transaction.atomic():
        buyers = ensure_buyers()
        spread_registrations(rng, now)
        plans = plan_orders(rng, buyers, now)
        write_orders(rng, plans)
        commitments = write_commitments(rng, plans, now)
    if summary is not None:
        summary.orders_created += len(plans)
        summary.commitments_created += commitments
    return len(plans)


def ensure_buyers() -> list[Organisation]:
    """The scenario's buyer organisations and the history's own (created once)."""
    regions = {r.code: r for r in Region.objects.filter(code__in={b.region_code for b in data.MORE_BUYERS})}
    for spec in data.MORE_BUYERS:
        if not Organisation.objects.filter(name=spec.name, kind=Organisation.Kind.BUYER).exists():
            organisation = Organisation(name=spec.name, kind=Organisation.Kind.BUYER, buyer_type=spec.buyer_type,
                                        region=regions[spec.region_code], address=spec.address)
            organisation.full_clean()
            organisation.save()
    names = [b.name for b in BUYER_ORGANISATIONS + data.MORE_BUYERS]
    return list(Organisation.objects.filter(name__in=names, kind=Organisation.Kind.BUYER)
                .select_related("region").order_by("name"))


# ---- When vendors came ----

def _vendors_in_stories() -> set[int]:
    """Vendors the stories, events and needs already use: their dates may only move earlier."""
    ids = set(Order.objects.values_list("vendor_id", flat=True))
    ids |= set(Commitment.objects.values_list("vendor_id", flat=True))
    ids |= set(EventRegistration.objects.exclude(vendor=None).values_list("vendor_id", flat=True))
    ids |= set(CompetitionInvitation.objects.values_list("vendor_id", flat=True))
    ids |= set(NeedInterest.objects.values_list("vendor_id", flat=True))
    ids |= set(Vendor.objects.filter(organisation__memberships__isnull=False).values_list("pk", flat=True))
    return ids


def _days_ago(rng: random.Random, in_stories: bool) -> int:
    if in_stories:
        return rng.randint(200, 1000)
    roll = rng.random()
    if roll < 0.5:
        return rng.randint(560, 1000)  # before the history
    return rng.randint(130, 540) if roll < 0.85 else rng.randint(8, 125)


def spread_registrations(rng: random.Random, now: dt.datetime) -> None:
    """Registration, verification and listing dates spread over three years (the demo imports them all at once)."""
    in_stories = _vendors_in_stories()
    vendors = list(Vendor.objects.filter(status=VendorStatus.VERIFIED).order_by("code"))
    products = list(Product.objects.filter(vendor__in=vendors, status=ProductStatus.APPROVED).order_by("sku"))
    by_vendor: dict[int, list[Product]] = {}
    for product in products:
        by_vendor.setdefault(product.vendor_id, []).append(product)
    hour = dt.timedelta(hours=1)
    for vendor in vendors:
        story = vendor.pk in in_stories
        registered = now - dt.timedelta(days=_days_ago(rng, story), hours=rng.randint(0, 8))
        if story:
            registered = min(registered, vendor.created_at)
        vendor.created_at = registered
        vendor.submitted_at = registered + rng.randint(1, 6) * hour
        vendor.verified_at = vendor.decided_at = vendor.submitted_at + dt.timedelta(days=rng.randint(1, 5))
        life = max(2, (now - vendor.verified_at).days - 1)
        for product in by_vendor.get(vendor.pk, []):
            listed = vendor.verified_at + dt.timedelta(days=int(life * rng.random() ** 2), hours=rng.randint(1, 8))
            if story:
                listed = min(listed, product.approved_at)
            product.approved_at = min(listed, now - dt.timedelta(days=1))
            product.submitted_at = max(vendor.verified_at, product.approved_at - rng.randint(4, 72) * hour)
            product.created_at = max(vendor.verified_at, product.submitted_at - rng.randint(1, 48) * hour)
    Vendor.objects.bulk_update(vendors, ["created_at", "submitted_at", "verified_at", "decided_at"], batch_size=500)
    Product.objects.bulk_update(products, ["created_at", "submitted_at", "approved_at"], batch_size=500)
    listed = {p.pk: p.approved_at for p in products}
    entries = list(SearchEntry.objects.filter(product_id__in=listed))
    for entry in entries:
        entry.approved_at = listed[entry.product_id]
    SearchEntry.objects.bulk_update(entries, ["approved_at"], batch_size=500)
    record_changes("products", [p.pk for p in products])  # bulk writes send no signals: tell the feed


# ---- Writing it down ----

def _reference(budget: str, buyer: Organisation, paid_on: dt.date, number: int) -> str:
    if budget == "apbd":
        return f"SP2D {number:05d}/LS/{paid_on.year}"
    if budget == "apbn":
        return f"SP2D KPPN Bandar Lampung {paid_on.year}{number:08d}"
    initials = "".join(word[0] for word in buyer.name.split() if word[0].isupper())[:5]
    return f"TRF/{initials}/KEU/{paid_on:%Y%m}/{number:04d}"


def _instalments(total: int, count: int) -> list[int]:
    if count == 1 or total < 2_000:
        return [total]
    first = total // 2 // 1000 * 1000
    return [first, total - first]


def write_orders(rng: random.Random, plans: list[Planned]) -> None:
    """The planned orders in their final state, with lines, payments and ratings."""
    curator = ensure_curator()
    ppk = ppk_users({p.buyer for p in plans})
    categories = dict(Category.objects.values_list("pk", "name"))
    sequences: Counter = Counter()
    orders, payments, ratings = [], [], []
    for planned in plans:
        buyer, created = planned.buyer, planned.created_at
        person = ppk.get(buyer.pk, curator)
        budget = BUDGET_OF_BUYER_TYPE[buyer.buyer_type]
        year = timezone.localdate(created).year
        sequences[year] += 1
        number = f"{NUMBER_PREFIX}{year}-{sequences[year]:05d}"
        title = f"{categories[planned.main_category_id]} untuk {rng.choice(data.PURPOSES[buyer.buyer_type])}"
        created_day, paid_day = timezone.localdate(created), planned.paid_on[-1]
        recorded = [office_hours(day, rng, 10, 15) for day in planned.paid_on]
        planned.order = Order(
            number=number, buyer_organisation=buyer, vendor=planned.seller.vendor, created_by=person,
            ppk=ppk.get(buyer.pk), status=OrderStatus.COMPLETED if planned.completed_at else OrderStatus.PAID,
            title=title[:255], delivery_address=buyer.address or buyer.name,
            delivery_date=created_day + dt.timedelta(days=rng.randint(5, max(5, (paid_day - created_day).days - 3))),
            budget_source=budget, budget_year=year, rup_code=rup_code(f"{number} {title}") if budget != "company" else "",
            local_justification=planned.local_justification, pdn_justification=planned.pdn_justification,
            total_idr=planned.total, submitted_at=created + dt.timedelta(minutes=rng.randint(15, 180)),
            completed_at=planned.completed_at, realised_on=paid_day, created_at=created,
            updated_at=planned.completed_at or recorded[-1],
        )
        orders.append(planned.order)
        for day, moment, amount in zip(planned.paid_on, recorded, _instalments(planned.total, len(planned.paid_on)),
                                       strict=True):
            payments.append(Payment(order=planned.order, amount_idr=amount, paid_date=day, recorded_by=person,
                                    recorded_at=moment,
                                    reference=_reference(budget, buyer, day, rng.randint(100, 99_999))))
        if planned.completed_at:
            scores = [rng.choices([3, 4, 5], weights=[1, 4, 5])[0] for _ in range(3)]
            ratings.append(VendorRating(
                order=planned.order, vendor=planned.seller.vendor, delivery_time=scores[0], quality=scores[1],
                fit_to_spec=scores[2], comment=rng.choice(data.RATING_COMMENTS), rated_by=person,
                rated_at=planned.completed_at - dt.timedelta(minutes=5),
            ))
    Order.objects.bulk_create(orders, batch_size=500)
    lines = []
    for planned in plans:
        for position, ((_product, quantity, price), snapshot) in enumerate(
                zip(planned.lines, planned.snapshots, strict=True), start=1):
            values = {name: getattr(snapshot, name) for name in SNAPSHOT_FIELDS}
            lines.append(OrderLine(order=planned.order, position=position, quantity=quantity, unit_price_idr=price,
                                   **values))
    OrderLine.objects.bulk_create(lines, batch_size=500)
    Payment.objects.bulk_create(payments, batch_size=500)
    VendorRating.objects.bulk_create(ratings, batch_size=500)
    record_changes("orders", [o.pk for o in orders])


def write_commitments(rng: random.Random, plans: list[Planned], now: dt.datetime) -> int:
    """Per buyer type, commitments realised by some of a buyer's orders from one vendor, and one not yet."""
    curator = ensure_curator()
    ppk = ppk_users({p.buyer for p in plans})
    names = dict(Category.objects.values_list("pk", "name"))
    by_pair: dict[tuple[int, int], list[Planned]] = {}
    for planned in plans:
        by_pair.setdefault((planned.buyer.pk, planned.seller.vendor.pk), []).append(planned)
    commitments: list[tuple[Commitment, list[Planned]]] = []

    def commitment(first: Planned, recorded: dt.datetime, value: int, linked: list[Planned]) -> None:
        buyer, vendor = first.buyer, first.seller.vendor
        category = first.main_category_id
        description = data.COMMITMENT_WORDS.format(category=names[category].lower(), vendor=vendor.name,
                                                   year=timezone.localdate(recorded).year)
        commitments.append((Commitment(
            buyer_organisation=buyer, vendor=vendor, category_id=category, description=description,
            value_idr=max(500_000, round(value / 500_000) * 500_000),
            expected_purchase_date=timezone.localdate(recorded) + dt.timedelta(days=rng.randint(30, 150)),
            rup_code=rup_code(description) if buyer.buyer_type in ("opd_provinsi", "opd_kabkota", "instansi_vertikal")
            else "", recorded_by=ppk.get(buyer.pk, curator), recorded_at=recorded,
        ), linked))

    for buyer_type in sorted(data.HABITS):
        pairs = sorted(key for key, orders in by_pair.items() if orders[0].buyer.buyer_type == buyer_type)
        rng.shuffle(pairs)
        for key in pairs[:4]:
            orders = by_pair[key]
            start = rng.randrange(len(orders))
            linked = orders[start:start + rng.randint(1, 3)]
            recorded = linked[0].created_at - dt.timedelta(days=rng.randint(7, 45), hours=rng.randint(0, 5))
            factor = rng.choice([0.7, 0.9, 1.25, 1.6, 2.0, 3.0])  # below 1: more was bought than committed
            commitment(linked[0], recorded, int(sum(p.total for p in linked) * factor), linked)
        if pairs:
            someone = by_pair[pairs[-1]][-1]
            recorded = now - dt.timedelta(days=rng.randint(10, 100), hours=rng.randint(0, 8))
            commitment(someone, recorded, int(someone.total * rng.uniform(1.5, 4)), [])
    Commitment.objects.bulk_create([c for c, _linked in commitments])
    CommitmentRealisation.objects.bulk_create([
        CommitmentRealisation(commitment=c, order=p.order, linked_by=c.recorded_by,
                              linked_at=min(now, p.created_at + dt.timedelta(hours=1)))
        for c, linked in commitments for p in linked
    ])
    record_changes("commitments", [c.pk for c, _linked in commitments])
    return len(commitments)
