"""Orders for tests, made through the services so every test starts from a state the code can reach."""

from __future__ import annotations

import datetime as dt

from katalog.accounts.tests.factories import MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import services
from katalog.procurement.models import Order, OrderStatus

S = OrderStatus

# Monday 2 June 2025, 17:00 in Jakarta.
NOW = dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)


def pejabat_pengadaan(organisation):
    return MembershipFactory(organisation=organisation, role="buyer_pp").user


def order_header(**overrides) -> dict:
    values = {
        "title": "Pengadaan kain tapis untuk cendera mata",
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": dt.date(2025, 6, 30),
        "budget_source": "apbd",
        "budget_year": 2025,
    }
    values.update(overrides)
    return values


def draft_order(*, buyer, vendor, products=None, quantity: int = 2, now=NOW, **overrides) -> Order:
    """A draft order of `quantity` of each product (by default one new product at Rp1.500.000)."""
    products = products or [ProductFactory(vendor=vendor)]
    return services.order_create(
        actor=buyer, vendor=vendor, lines=[(p, quantity) for p in products], now=now, **order_header(**overrides)
    )


def order_in(status: str, *, buyer, vendor, vendor_user, large: bool = False, now=NOW, **kwargs) -> Order:
    """An order brought to `status` the normal way. `large`: above the pejabat pengadaan's limit.

    `buyer` must be the PPK (it approves and issues the Surat Pesanan).
    """
    if large and "products" not in kwargs:
        kwargs["products"] = [ProductFactory(vendor=vendor, price_idr=150_000_000)]
    order = draft_order(buyer=buyer, vendor=vendor, now=now, **kwargs)
    if status == S.DRAFT:
        return order
    if status == S.NEGOTIATING:
        return services.order_send(actor=buyer, order_id=order.pk, negotiate=True, now=now)
    order = services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=now)
    if status == order.status:
        return order
    if order.status == S.AWAITING_APPROVAL:
        order = services.order_approve(actor=buyer, order_id=order.pk, now=now)
    steps = [
        (S.AWAITING_VENDOR, lambda o: services.sp_issue(actor=buyer, order_id=o.pk, now=now)),
        (S.ACCEPTED, lambda o: services.order_accept_by_vendor(actor=vendor_user, order_id=o.pk, now=now)),
        (S.IN_DELIVERY, lambda o: ship_all(o, vendor_user=vendor_user, now=now) and Order.objects.get(pk=o.pk)),
        (S.RECEIVED, lambda o: sign_all(o, buyer=buyer, now=now)),
        (S.PAID, lambda o: pay_all(o, buyer=buyer, now=now)),
        (S.COMPLETED, lambda o: services.order_complete(actor=buyer, order_id=o.pk, now=now)),
    ]
    for target, step in steps:
        if order.status == status:
            break
        order = step(order)
        assert order.status == target, (order.status, target)
    assert order.status == status, (order.status, status)
    return order


def ship_all(order, *, vendor_user, now=NOW):
    return services.delivery_record(
        actor=vendor_user, order_id=order.pk, quantities={line.pk: line.quantity for line in order.lines.all()},
        now=now,
    )


def sign_all(order, *, buyer, now=NOW) -> Order:
    for delivery in order.deliveries.filter(bast__isnull=True):
        services.bast_sign(
            actor=buyer, delivery_id=delivery.pk, number=f"BAST-{delivery.pk}", function_ok=True,
            quantity_ok=True, on_time=True, now=now,
        )
    return Order.objects.get(pk=order.pk)


def pay_all(order, *, buyer, now=NOW) -> Order:
    order.refresh_from_db()
    services.payment_record(
        actor=buyer, order_id=order.pk, amount_idr=order.total_idr, paid_date=now.date(), reference="SP2D-001",
        now=now,
    )
    return Order.objects.get(pk=order.pk)
