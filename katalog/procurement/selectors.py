"""Reads of orders, with their visibility rules, and the figures the order rules need."""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from katalog.accounts import access as account_access
from katalog.accounts.models import Membership
from katalog.audit.models import AuditEvent
from katalog.catalog import badges
from katalog.catalog.selectors import listed_products
from katalog.core.errors import NotFoundError

from . import access
from .models import DeliveryLine, IdempotencyKey, Order, OrderLine, OrderStatus, VendorRating

PRICE_FLAG_EVENT = "procurement.order.price_flagged"
REFERENCE_WINDOW = dt.timedelta(days=365)
REFERENCE_MIN_LINES = 3


# ---- Lists and details ----

def orders_for_user(user, *, status: str | None = None):
    """The buyer organisation's orders, the vendor's sent orders (a draft is the buyer's own until sent);
    curators see every order. The same rule as `access.can_view`."""
    qs = Order.objects.select_related("buyer_organisation", "vendor")
    if not account_access.is_curator(user):
        buyer_orgs = [m.organisation_id for m in account_access.memberships_of(user, Membership.BUYER_ROLES)]
        vendor_orgs = [m.organisation_id for m in account_access.memberships_of(user, Membership.VENDOR_ROLES)]
        qs = qs.filter(
            Q(buyer_organisation_id__in=buyer_orgs)
            | (Q(vendor__organisation_id__in=vendor_orgs) & ~Q(status=OrderStatus.DRAFT))
        )
    if status:
        qs = qs.filter(status=status)
    return qs


def idempotency_key_used(user, key: str) -> bool:
    """Whether `user` already created an order with this Idempotency-Key (a retry, not a new order)."""
    return bool(key) and IdempotencyKey.objects.filter(user=user, key=key).exists()


def get_order_for_view(user, order_id: int) -> Order:
    order = Order.objects.select_related("buyer_organisation", "vendor").filter(pk=order_id).first()
    if order is None:
        raise NotFoundError(_("No such order."))
    access.require_view(user, order)
    return order


def order_detail(user, order_id: int) -> dict:
    """Everything an order page shows, as plain data (templates and the API never query)."""
    order = get_order_for_view(user, order_id)
    lines = list(order.lines.all())
    deliveries = list(order.deliveries.select_related("bast").prefetch_related("lines"))
    events = AuditEvent.objects.filter(target_type=Order._meta.label_lower, target_id=str(order.pk)).order_by(
        "occurred_at", "id"
    )
    rating = VendorRating.objects.filter(order=order).first()
    return {
        "id": order.pk,
        "number": order.number,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "status_reason": order.status_reason,
        "title": order.title,
        "buyer_organisation": {"id": order.buyer_organisation_id, "name": order.buyer_organisation.name},
        "vendor": {"id": order.vendor_id, "name": order.vendor.name},
        "delivery_address": order.delivery_address,
        "delivery_date": order.delivery_date,
        "budget_source": order.budget_source,
        "budget_year": order.budget_year,
        "rup_code": order.rup_code,
        "notes": order.notes,
        "local_justification": order.local_justification,
        "pdn_justification": order.pdn_justification,
        "total_idr": order.total_idr,
        "competition_id": order.competition_id,
        "sp_number": order.sp_number,
        "sp_terms": order.sp_terms,
        "sp_signed_at": order.sp_signed_at,
        "vendor_signed_at": order.vendor_signed_at,
        "waiting_since": order.waiting_since,
        "created_at": order.created_at,
        "viewer": {
            "is_buyer": access.is_buyer_of(user, order),
            "is_ppk": access.is_ppk_of(user, order),
            "is_vendor": access.is_vendor_of(user, order),
        },
        "lines": [
            {
                "id": line.pk, "product_id": line.product_id, "category_id": line.category_id, "sku": line.sku,
                "name": line.name,
                "unit": line.unit, "quantity": line.quantity, "list_price_idr": line.list_price_idr,
                "unit_price_idr": line.unit_price_idr, "subtotal_idr": line.subtotal_idr,
                "tkdn_pct": line.tkdn_pct, "bmp_pct": line.bmp_pct, "is_local": line.is_local,
                "is_umk": line.is_umk, "is_pdn": line.is_pdn,
            }
            for line in lines
        ],
        "offers": [
            {
                "id": o.pk, "side": o.side, "made_at": o.made_at, "unit_prices": o.unit_prices,
                "total_idr": o.total_idr, "message": o.message, "accepted_at": o.accepted_at,
            }
            for o in order.offers.all()
        ],
        "addenda": [
            {
                "id": a.pk, "version": a.version, "side": a.proposed_by_side, "proposed_at": a.proposed_at,
                "changes": a.changes, "previous": a.previous, "reason": a.reason, "status": a.status,
                "decided_at": a.decided_at, "decision_reason": a.decision_reason,
            }
            for a in order.addenda.all()
        ],
        "deliveries": [
            {
                "id": d.pk, "sequence": d.sequence, "shipped_at": d.shipped_at, "carrier": d.carrier,
                "lines": [{"order_line_id": dl.order_line_id, "quantity": dl.quantity} for dl in d.lines.all()],
                "bast": _bast_data(d),
            }
            for d in deliveries
        ],
        "payments": [
            {"id": p.pk, "amount_idr": p.amount_idr, "paid_date": p.paid_date, "reference": p.reference}
            for p in order.payments.order_by("paid_date", "id")
        ],
        "paid_idr": sum(p.amount_idr for p in order.payments.all()),
        "rating": None if rating is None else {
            "delivery_time": rating.delivery_time, "quality": rating.quality,
            "fit_to_spec": rating.fit_to_spec, "comment": rating.comment,
        },
        "timeline": [
            {
                "occurred_at": e.occurred_at, "event_type": e.event_type, "actor_name": e.actor_name,
                "changes": e.changes, "message": e.message,
            }
            for e in events
        ],
    }


def _bast_data(delivery) -> dict | None:
    bast = getattr(delivery, "bast", None)
    if bast is None:
        return None
    return {
        "id": bast.pk, "number": bast.number, "conforming": bast.conforming, "function_ok": bast.function_ok,
        "quantity_ok": bast.quantity_ok, "on_time": bast.on_time, "non_conformity": bast.non_conformity,
        "signed_at": bast.signed_at, "value_idr": bast.value_idr,
    }


# ---- Quantities ----

def shipped_quantities(order: Order) -> dict[int, int]:
    """Per line: quantities shipped and not refused (a delivery with a non-conforming BAST is re-shipped)."""
    result: dict[int, int] = {line_id: 0 for line_id in order.lines.values_list("pk", flat=True)}
    for line_id, quantity in DeliveryLine.objects.filter(delivery__order=order).exclude(
        delivery__bast__conforming=False
    ).values_list("order_line_id", "quantity"):
        result[line_id] += quantity
    return result


def received_quantities(order: Order) -> dict[int, int]:
    """Per line: quantities covered by conforming BASTs."""
    result: dict[int, int] = {line_id: 0 for line_id in order.lines.values_list("pk", flat=True)}
    for line_id, quantity in DeliveryLine.objects.filter(
        delivery__order=order, delivery__bast__conforming=True
    ).values_list("order_line_id", "quantity"):
        result[line_id] += quantity
    return result


# ---- Better alternatives (governor's circular; P3DN) ----

def categories_with_local_alternative(category_ids) -> set[int]:
    """Of these categories, those with a listed Produk Lokal Lampung."""
    return set(
        listed_products().filter(category_id__in=list(category_ids)).filter(badges.local_q())
        .values_list("category_id", flat=True).distinct()
    )


def categories_with_pdn_alternative(category_ids) -> set[int]:
    """Of these categories, those with a listed product with TKDN + BMP at or above the threshold."""
    qs = badges.with_tkdn_plus_bmp(listed_products().filter(category_id__in=list(category_ids)))
    return set(qs.filter(badges.pdn_q()).values_list("category_id", flat=True).distinct())


def alternatives(category_ids, *, kind: str, exclude_product_ids=(), limit: int = 5) -> list[dict]:
    """Listed products that would need no justification: local (`kind="local"`) or PDN (`"pdn"`)."""
    qs = badges.with_tkdn_plus_bmp(
        listed_products().filter(category_id__in=list(category_ids)).exclude(pk__in=list(exclude_product_ids))
    )
    qs = qs.filter(badges.local_q() if kind == "local" else badges.pdn_q())
    return [
        {
            "sku": p.sku, "name": p.name, "vendor_name": p.vendor.name, "price_idr": p.price_idr, "unit": p.unit,
            "tkdn_pct": p.tkdn_pct, "bmp_pct": p.bmp_pct,
        }
        for p in qs.select_related("vendor").order_by("price_idr", "pk")[:limit]
    ]


# ---- Reference prices and red flags ----

def category_reference_price(category_id: int, *, now: dt.datetime) -> dict | None:
    """Quartiles of the unit prices paid in a category over the last 12 months; None below 3 lines."""
    prices = sorted(
        OrderLine.objects.filter(
            category_id=category_id,
            order__status__in=[OrderStatus.PAID, OrderStatus.COMPLETED],
            order__created_at__gte=now - REFERENCE_WINDOW,
            order__created_at__lte=now,
        ).values_list("unit_price_idr", flat=True)
    )
    if len(prices) < REFERENCE_MIN_LINES:
        return None
    q1, median, q3 = statistics.quantiles(prices, n=4, method="inclusive")
    return {"count": len(prices), "q1_idr": round(q1), "median_idr": round(median), "q3_idr": round(q3)}


def flagged_orders(user) -> list[dict]:
    """Orders whose agreed prices were far above the category's reference price (for curators)."""
    account_access.require_curator(user)
    events = AuditEvent.objects.filter(event_type=PRICE_FLAG_EVENT).order_by("-occurred_at", "-id")
    return [
        {
            "order_id": int(e.target_id), "number": e.target_label, "occurred_at": e.occurred_at,
            "lines": e.changes.get("lines", []),
        }
        for e in events
    ]


def vendor_rating_summary(vendor) -> dict:
    row = VendorRating.objects.filter(vendor=vendor).aggregate(
        count=Count("pk"), delivery_time=Avg("delivery_time"), quality=Avg("quality"),
        fit_to_spec=Avg("fit_to_spec"),
    )
    return {
        "count": row["count"],
        "delivery_time": row["delivery_time"],
        "quality": row["quality"],
        "fit_to_spec": row["fit_to_spec"],
    }
