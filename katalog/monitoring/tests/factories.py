"""Buyers, vendors, products and paid orders for the monitoring tests, made through the real services so the
order lines carry the snapshots (PDN, local, UMK) the figures sum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.procurement import services
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import order_header, ship_all, sign_all
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

S = OrderStatus


def jakarta(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An instant written in Asia/Jakarta time (stored as UTC like every other)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


def new_buyer(name: str, buyer_type: str):
    """A buyer organisation of `buyer_type` and its PPK (who orders, approves and pays)."""
    organisation = BuyerOrganisationFactory(name=name, buyer_type=buyer_type)
    return MembershipFactory(organisation=organisation, role="buyer_ppk").user


def new_vendor(name: str, *, region: str, scale: str, **extra):
    """A verified vendor in the regency `region` (a code such as 18.71) and its owner."""
    vendor = VendorFactory(name=name, region=Region.objects.get(code=region), scale=scale, **extra)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    return vendor, owner


def new_product(vendor, *, category: str, price_idr: int, tkdn: str | None, bmp: str = "0", origin: str, **extra):
    """An approved product; `tkdn` + `bmp` decide PDN (≥ 40), `origin` with the vendor's regency decides local."""
    return ProductFactory(
        vendor=vendor, category=Category.objects.get(name=category), price_idr=price_idr,
        tkdn_pct=None if tkdn is None else Decimal(tkdn), bmp_pct=Decimal(bmp),
        origin_region=Region.objects.get(code=origin), status="approved", **extra,
    )


def paid_order(*, buyer, vendor_user, lines, paid_on: dt.date, now: dt.datetime | None = None,
               local_justification: str = "", pdn_justification: str = "", status: str = S.PAID) -> Order:
    """An order of (product, quantity) `lines` taken the whole way to paid in full on `paid_on` (a date as
    the treasurer writes it); `status` may stop it earlier (e.g. received) or take it on to completed."""
    now = now or jakarta(paid_on.year, paid_on.month, 1)
    vendor = lines[0][0].vendor
    order = services.order_create(
        actor=buyer, vendor=vendor, lines=lines, now=now,
        **order_header(delivery_date=timezone.localdate(now) + dt.timedelta(days=30),
                       budget_year=timezone.localdate(now).year),
    )
    order = services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=now,
                                local_justification=local_justification, pdn_justification=pdn_justification)
    if order.status == S.AWAITING_APPROVAL:
        order = services.order_approve(actor=buyer, order_id=order.pk, now=now)
    if status == S.APPROVED:
        return order
    services.sp_issue(actor=buyer, order_id=order.pk, now=now)
    services.order_accept_by_vendor(actor=vendor_user, order_id=order.pk, now=now)
    ship_all(order, vendor_user=vendor_user, now=now)
    order = sign_all(order, buyer=buyer, now=now)
    if status == S.RECEIVED:
        return order
    pay(order, buyer=buyer, paid_on=paid_on, now=now)
    if status == S.COMPLETED:
        services.order_complete(actor=buyer, order_id=order.pk, now=now)
    return Order.objects.get(pk=order.pk)


def pay(order, *, buyer, paid_on: dt.date, now: dt.datetime, amount_idr: int | None = None):
    """Record a payment (by default of everything still owed) dated `paid_on`."""
    order.refresh_from_db()
    owed = order.total_idr - sum(order.payments.values_list("amount_idr", flat=True))
    return services.payment_record(
        actor=buyer, order_id=order.pk, amount_idr=amount_idr if amount_idr is not None else owed,
        paid_date=paid_on, reference=f"SP2D-{order.pk}-{paid_on:%m%d}", now=now,
    )
