"""Reads for the curators' overview of orders, and the public rating summary of a vendor.

Everything is returned as plain data so the templates never query.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.accounts import access as account_access
from katalog.vendors.models import Vendor, VendorStatus

from .. import selectors, states
from ..models import Holiday, NegotiationOffer, Order, OrderStatus
from ..notifications import order_url
from ..services.orders import order_deadline

LIST_LIMIT = 50


def status_totals(user) -> dict:
    """Per status (in lifecycle order): how many orders and their value; with the grand totals."""
    account_access.require_curator(user)
    rows = {
        row["status"]: row
        for row in Order.objects.values("status").annotate(count=Count("pk"), value_idr=Sum("total_idr"))
    }
    result = [
        {
            "status": status, "label": str(label), "count": rows.get(status, {}).get("count", 0),
            "value_idr": rows.get(status, {}).get("value_idr") or 0,
        }
        for status, label in OrderStatus.choices
    ]
    return {
        "rows": result,
        "count": sum(r["count"] for r in result),
        "value_idr": sum(r["value_idr"] for r in result),
    }


def _waiting_on(order: Order, latest_offer_side: str | None) -> str:
    [role] = states.waiting_on(order.status, latest_offer_side=latest_offer_side, has_unsigned_delivery=False)
    if order.status == OrderStatus.NEGOTIATING:
        # The side that did not make the latest offer must answer it.
        return str(_("Buyer (answer the vendor's offer)") if role == "buyer" else _("Vendor (answer the buyer's offer)"))
    return str(_("PPK") if role == "ppk" else _("Vendor"))


def waiting_orders(user, *, now: dt.datetime) -> list[dict]:
    """Orders whose next step waits on someone and so may expire, the nearest expiry first."""
    account_access.require_curator(user)
    orders = list(
        Order.objects.filter(status__in=states.EXPIRES, waiting_since__isnull=False)
        .select_related("buyer_organisation", "vendor")
        .order_by("waiting_since", "id")
    )
    if not orders:
        return []
    first = timezone.localdate(orders[0].waiting_since)
    holidays = set(Holiday.objects.filter(date__gte=first).values_list("date", flat=True))
    latest_sides: dict[int, str] = {}
    negotiating = [o.pk for o in orders if o.status == OrderStatus.NEGOTIATING]
    for order_id, side in (
        NegotiationOffer.objects.filter(order_id__in=negotiating).order_by("order_id", "made_at", "id")
        .values_list("order_id", "side")
    ):
        latest_sides[order_id] = side  # the last one per order wins
    rows = []
    for order in orders:
        deadline = order_deadline(order.waiting_since, holidays)
        rows.append({
            "id": order.pk, "number": order.number, "title": order.title, "url": order_url(order.pk),
            "status_label": str(order.get_status_display()), "buyer": order.buyer_organisation.name,
            "vendor": order.vendor.name, "total_idr": order.total_idr, "waiting_since": order.waiting_since,
            "waiting_on": _waiting_on(order, latest_sides.get(order.pk)), "expires_at": deadline,
            "overdue": deadline < now,
        })
    rows.sort(key=lambda row: (row["expires_at"], row["id"]))
    return rows


def flagged_prices(user) -> list[dict]:
    """Orders whose agreed unit prices were flagged far above the category's reference price."""
    rows = selectors.flagged_orders(user)[:LIST_LIMIT]
    statuses = dict(
        Order.objects.filter(pk__in=[r["order_id"] for r in rows]).values_list("pk", "status")
    )
    labels = dict(OrderStatus.choices)
    return [
        {**row, "url": order_url(row["order_id"]),
         "status_label": str(labels.get(statuses.get(row["order_id"]), "")),
         "lines": [
             {**line, "ratio": round(line["unit_price_idr"] / line["median_idr"], 2) if line.get("median_idr") else None}
             for line in row["lines"]
         ]}
        for row in rows
    ]


def justified_orders(user) -> list[dict]:
    """Orders sent with a written reason for not choosing a local or a TKDN + BMP ≥ 40% product."""
    account_access.require_curator(user)
    orders = (
        Order.objects.exclude(local_justification="", pdn_justification="")
        .select_related("buyer_organisation", "vendor")
        .prefetch_related("lines")
        .order_by("-submitted_at", "-id")[:LIST_LIMIT]
    )
    rows = []
    for order in orders:
        lines = list(order.lines.all())
        rows.append({
            "id": order.pk, "number": order.number, "title": order.title, "url": order_url(order.pk),
            "status_label": str(order.get_status_display()), "submitted_at": order.submitted_at,
            "buyer": order.buyer_organisation.name, "vendor": order.vendor.name,
            "local_justification": order.local_justification,
            "pdn_justification": order.pdn_justification,
            # The products the reasons are about: the non-local ones, and those below the PDN threshold.
            "non_local_products": [line.name for line in lines if not line.is_local],
            "non_pdn_products": [line.name for line in lines if not line.is_pdn],
        })
    return rows


def justified_count() -> int:
    return Order.objects.filter(~Q(local_justification="") | ~Q(pdn_justification="")).count()


def overview(user, *, now: dt.datetime) -> dict:
    account_access.require_curator(user)
    return {
        "totals": status_totals(user),
        "waiting": waiting_orders(user, now=now),
        "flagged": flagged_prices(user),
        "justified": justified_orders(user),
        "justified_count": justified_count(),
        "list_limit": LIST_LIMIT,
    }


# ---- Public: a vendor's rating by its buyers ----

def public_vendor_rating(vendor_id: int) -> dict | None:
    """The averages buyers gave a verified vendor after paid orders; None for an unknown or unverified one."""
    vendor = Vendor.objects.filter(pk=vendor_id, status=VendorStatus.VERIFIED).first()
    if vendor is None:
        return None
    summary = selectors.vendor_rating_summary(vendor)
    scores = [summary[k] for k in ("delivery_time", "quality", "fit_to_spec")]
    overall = sum(scores) / len(scores) if summary["count"] else None
    return {
        "vendor": {"id": vendor.pk, "code": vendor.code, "name": vendor.name},
        "count": summary["count"],
        "overall": overall,
        "criteria": [
            {"label": str(_("Delivery time")), "average": summary["delivery_time"]},
            {"label": str(_("Quality")), "average": summary["quality"]},
            {"label": str(_("Fit to the specification")), "average": summary["fit_to_spec"]},
        ],
    }
