"""Published (and unpublished) orders and mini-competitions for the open data tests, made through the
procurement services so every one is in a state the code can reach."""

from __future__ import annotations

import datetime as dt

from katalog.accounts.tests.factories import MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import services
from katalog.procurement.competitions import services as competition_services
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import order_in, ship_all, sign_all
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

S = OrderStatus

# Friday 20 June 2025, 09:00 in Jakarta.
NOW = dt.datetime(2025, 6, 20, 2, 0, tzinfo=dt.UTC)
BASE_URL = "https://katalog.example.go.id"


def category(name: str = "Tapis Lembaran") -> Category:
    return Category.objects.get(name=name)


def local_product(vendor, **overrides):
    """Made in Bandar Lampung, TKDN 45% + BMP 5% (a domestic product), Rp1.500.000."""
    return ProductFactory(vendor=vendor, **overrides)


def imported_product(vendor, **overrides):
    """Made outside the province, without TKDN, Rp250.000, in a category with no local alternative."""
    values = {
        "origin_region": Region.objects.get(code="31"), "tkdn_pct": None, "bmp_pct": None, "price_idr": 250_000,
        "category": category("Plakat & Cinderamata"), "name": "Plakat akrilik",
    }
    values.update(overrides)
    return ProductFactory(vendor=vendor, **values)


def pay(order: Order, *, buyer, payments: list[tuple[int, dt.date]], now: dt.datetime = NOW) -> Order:
    for index, (amount, paid_date) in enumerate(payments, start=1):
        services.payment_record(
            actor=buyer, order_id=order.pk, amount_idr=amount, paid_date=paid_date, reference=f"SP2D-{index:03d}",
            now=now,
        )
    return Order.objects.get(pk=order.pk)


def realised_order(*, buyer, vendor, vendor_user, payments=None, now: dt.datetime = NOW, complete: bool = False,
                   **kwargs) -> Order:
    """An order delivered, received and paid in full (by default in one payment on `now`'s Jakarta day)."""
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_user, now=now, **kwargs)
    order = pay(order, buyer=buyer, payments=payments or [(order.total_idr, dt.date(2025, 6, 20))], now=now)
    if complete:
        order = services.order_complete(actor=buyer, order_id=order.pk, now=now)
    return order


def bidder(name: str, *, scale: str = "mikro", **product_fields) -> dict:
    vendor = VendorFactory(status="verified", name=name, scale=scale)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    return {"vendor": vendor, "owner": owner, "product": local_product(vendor, **product_fields)}


def open_competition(*, buyer, bidders: list[dict], now: dt.datetime = NOW, deadline: dt.datetime | None = None,
                     **overrides):
    values = {
        "title": "Pengadaan kain tapis untuk cendera mata",
        "specification": "Kain tapis motif kapal, 2 x 1 m, benang emas.",
        "category": category(),
        "quantity": 10,
        "unit": "lembar",
        "deadline_at": deadline or now + dt.timedelta(days=3),
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": dt.date(2025, 7, 31),
        "budget_source": "apbd",
        "budget_year": 2025,
        "vendor_ids": [b["vendor"].pk for b in bidders],
    }
    values.update(overrides)
    competition = competition_services.competition_create(actor=buyer, now=now, **values)
    return competition_services.competition_publish(actor=buyer, competition_id=competition.pk, now=now)


def quote(competition, bidder: dict, price: int, *, now: dt.datetime = NOW):
    return competition_services.quote_submit(
        actor=bidder["owner"], competition_id=competition.pk, unit_price_idr=price,
        product_id=bidder["product"].pk, now=now,
    )


def awarded_competition(*, buyer, bidders: list[tuple[dict, int]], awarded_at: dt.datetime | None = None,
                        now: dt.datetime = NOW):
    """A competition the bidders quoted for at their prices, evaluated after the deadline and awarded to the
    first rank at `awarded_at`. Returns (competition, the order the award made)."""
    deadline = now + dt.timedelta(days=3)
    competition = open_competition(buyer=buyer, bidders=[b for b, _ in bidders], now=now, deadline=deadline)
    for b, price in bidders:
        quote(competition, b, price, now=now)
    after = deadline + dt.timedelta(minutes=5)
    competition_services.competition_evaluate(actor=buyer, competition_id=competition.pk, now=after)
    order = competition_services.competition_award(
        actor=buyer, competition_id=competition.pk, now=awarded_at or after + dt.timedelta(hours=1)
    )
    competition.refresh_from_db()
    return competition, order


def realise(order: Order, *, buyer, vendor_user, paid_date: dt.date, now: dt.datetime) -> Order:
    """Take a draft order (e.g. from a competition award) all the way to paid, paid in full on `paid_date`."""
    order = services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=now)
    if order.status == S.AWAITING_APPROVAL:
        order = services.order_approve(actor=buyer, order_id=order.pk, now=now)
    order = services.sp_issue(actor=buyer, order_id=order.pk, now=now)
    order = services.order_accept_by_vendor(actor=vendor_user, order_id=order.pk, now=now)
    ship_all(order, vendor_user=vendor_user, now=now)
    order = sign_all(order, buyer=buyer, now=now)
    return pay(order, buyer=buyer, payments=[(order.total_idr, paid_date)], now=now)
