"""Reads of the red flags for curators (who act on them) and leaders (who read them).

Rows are plain data with the explanation written and the orders looked up in one query per batch of flags,
so the templates never query and a page costs the same number of queries however many flags it shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from katalog.accounts import access as account_access
from katalog.core.errors import NotFoundError
from katalog.procurement.models import Order, OrderStatus

from .explanations import explain
from .models import FlagKind, FlagStatus, RedFlag, Severity

ALL_STATUSES = "all"
# Orders named inline in the list; the flag's own page names every stored one.
ORDERS_INLINE = 10


def red_flags(user, *, kind: str = "", status: str = FlagStatus.OPEN):
    """The flags of a kind (every kind when empty) in a status (`ALL_STATUSES` for any), the most severe and
    the newest first."""
    account_access.require_leader(user)
    qs = RedFlag.objects.select_related("buyer_organisation", "vendor", "category", "dismissed_by")
    if kind:
        qs = qs.filter(kind=kind)
    if status != ALL_STATUSES:
        qs = qs.filter(status=status)
    return qs.order_by("-severity", "-detected_at", "-id")


def kind_counts(user, *, status: str = FlagStatus.OPEN) -> list[dict]:
    """Per kind: how many flags are in `status`, every kind listed."""
    account_access.require_leader(user)
    qs = RedFlag.objects.order_by()
    if status != ALL_STATUSES:
        qs = qs.filter(status=status)
    counts = dict(qs.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return [{"kind": kind, "label": str(label), "count": counts.get(kind, 0)} for kind, label in FlagKind.choices]


def _orders(order_ids: Iterable[int], *, linked: bool) -> dict[int, dict]:
    labels = dict(OrderStatus.choices)
    return {
        pk: {
            "id": pk, "number": number, "status": status, "status_label": str(labels.get(status, status)),
            "total_idr": total, "submitted_at": submitted_at,
            # Curators open any order; leaders read the flags but not the orders.
            "url": reverse("procurement:order_detail", args=[pk]) if linked else "",
        }
        for pk, number, status, total, submitted_at in Order.objects.filter(pk__in=set(order_ids)).order_by()
        .values_list("pk", "number", "status", "total_idr", "submitted_at")
    }


def flag_rows(user, flags: Iterable[RedFlag], *, orders_per_flag: int | None = None) -> list[dict]:
    """Plain data of each flag: its sentence, its parties, its orders (the first `orders_per_flag`, or all
    stored) with links for curators, and whether the viewer may dismiss it."""
    flags = list(flags)
    is_curator = account_access.is_curator(user)
    shown = {flag.pk: list(flag.order_ids)[:orders_per_flag] for flag in flags}
    orders = _orders((pk for ids in shown.values() for pk in ids), linked=is_curator)
    return [_row(flag, [orders[pk] for pk in shown[flag.pk] if pk in orders], is_curator=is_curator) for flag in flags]


def _row(flag: RedFlag, orders: list[dict], *, is_curator: bool) -> dict:
    buyer = flag.buyer_organisation
    vendor = flag.vendor
    category = flag.category
    params = flag.params or {}
    return {
        "id": flag.pk,
        "kind": flag.kind,
        "kind_label": str(flag.get_kind_display()),
        "severity": flag.severity,
        "severity_label": str(Severity(flag.severity).label),
        "status": flag.status,
        "status_label": str(flag.get_status_display()),
        "explanation": explain(flag.kind, params, buyer=buyer.name if buyer else "",
                               vendor=vendor.name if vendor else "", category=category.name if category else ""),
        "buyer": {"id": buyer.pk, "name": buyer.name} if buyer else None,
        "vendor": {"id": vendor.pk, "name": vendor.name} if vendor else None,
        "category": {"id": category.pk, "name": category.name} if category else None,
        # The justification texts behind the flag, quoted in full.
        "texts": params.get("texts") or ([params["text"]] if params.get("text") else []),
        "value_idr": flag.value_idr,
        "order_count": flag.order_count,
        "orders": orders,
        "more_orders": max(flag.order_count - len(orders), 0),
        "detected_at": flag.detected_at,
        "updated_at": flag.updated_at,
        "cleared_at": flag.cleared_at,
        "dismissed_at": flag.dismissed_at,
        "dismissed_by": (flag.dismissed_by.name or flag.dismissed_by.get_username()) if flag.dismissed_by else "",
        "dismissal_reason": flag.dismissal_reason,
        "can_dismiss": is_curator and flag.status == FlagStatus.OPEN,
    }


def red_flag_detail(user, flag_id: int) -> dict:
    """One flag with every order it keeps."""
    flag = red_flags(user, status=ALL_STATUSES).filter(pk=flag_id).first()
    if flag is None:
        raise NotFoundError(_("No such red flag."))
    return flag_rows(user, [flag])[0]
