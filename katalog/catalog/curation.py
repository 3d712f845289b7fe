"""Reads for the people who manage products: a vendor's own list and the curators' queue.

Each list is built in a fixed number of queries (categories are loaded once to decide the KBLI fit).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Count, Prefetch
from django.utils import timezone

from katalog.audit.selectors import audit_history_for
from katalog.vendors.models import Vendor
from katalog.vendors.selectors import waiting_long_days  # one setting for both curation queues

from . import badges, states
from .kbli import kbli_problem
from .models import Category, PriceChange, Product, ProductPhoto, ProductStatus
from .selectors import category_path, certification_labels


def category_lookup() -> dict[int, Category]:
    return {c.pk: c for c in Category.objects.all()}


def _path_names(category: Category, by_id: dict[int, Category]) -> str:
    names = [category.name]
    node = category
    while node.parent_id and node.parent_id in by_id:
        node = by_id[node.parent_id]
        names.insert(0, node.name)
    return " › ".join(names)


def _waiting(submitted_at: dt.datetime | None, now: dt.datetime) -> dict:
    if submitted_at is None:
        return {"waiting_days": None, "waiting_long": False}
    waited = now - submitted_at
    return {"waiting_days": waited.days, "waiting_long": waited > dt.timedelta(days=waiting_long_days())}


def vendor_products(vendor: Vendor, *, now: dt.datetime) -> list[dict]:
    """Every product of one vendor, newest first, with status, curator's reason and KBLI fit."""
    by_id = category_lookup()
    products = (
        Product.objects.filter(vendor=vendor)
        .select_related("vendor")
        .annotate(photo_count=Count("photos"))
        .order_by("-updated_at", "-id")
    )
    rows = []
    for product in products:
        category = by_id[product.category_id]
        rows.append({
            "pk": product.pk,
            "sku": product.sku,
            "name": product.name,
            "category": _path_names(category, by_id),
            "price_idr": product.price_idr,
            "unit": product.unit,
            "status": product.status,
            "status_label": product.get_status_display(),
            "status_reason": product.status_reason,
            "photo_count": product.photo_count,
            "kbli_problem": kbli_problem(vendor.kbli, category, by_id=by_id),
            **_waiting(product.submitted_at if product.status == ProductStatus.SUBMITTED else None, now),
        })
    return rows


def product_for_work(pk: int) -> Product | None:
    """One product with everything its vendor and curator pages show."""
    return (
        Product.objects.select_related(
            "vendor", "vendor__region", "vendor__organisation", "category", "category__parent",
            "category__parent__parent", "origin_region", "tkdn_document",
        )
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
        .filter(pk=pk)
        .first()
    )


def price_history(product: Product) -> list[PriceChange]:
    return list(PriceChange.objects.filter(product=product).select_related("changed_by").order_by("-changed_at", "-id"))


def _change_rows(changes) -> list[dict]:
    """{field: {"old": a, "new": b}} (or {field: value}) as rows a template prints without logic."""
    if not isinstance(changes, dict):
        return [{"field": "", "old": None, "new": changes, "has_old": False}]
    rows = []
    for field, change in changes.items():
        if isinstance(change, dict) and set(change) <= {"old", "new"}:
            rows.append({"field": field, "old": change.get("old"), "new": change.get("new"), "has_old": True})
        else:
            rows.append({"field": field, "old": None, "new": change, "has_old": False})
    return rows


def audit_rows(product: Product) -> list[dict]:
    """The product's audit trail, newest first, with times in the site's zone (Asia/Jakarta)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return [
        {
            "occurred_at": event.occurred_at.astimezone(zone),
            "event_type": event.event_type,
            "actor_name": event.actor_name,
            "changes": _change_rows(event.changes),
            "message": event.message,
        }
        for event in audit_history_for(product)
    ]


def product_work_page(product: Product, *, now: dt.datetime, for_curator: bool) -> dict:
    """Plain data for a vendor's or a curator's product page (from product_for_work)."""
    facts = badges.facts_of(product)
    document = product.tkdn_document
    return {
        "product": product,
        "category_path": " › ".join(c.name for c in category_path(product.category)),
        "photos": [{"pk": p.pk, "url": p.image.url} for p in product.photos.all()],
        "badges": badges.badges_for(facts),
        "tkdn_plus_bmp": badges.tkdn_plus_bmp(facts),
        "certifications": certification_labels(product.certifications),
        "kbli_problem": kbli_problem(product.vendor.kbli, product.category, for_curator=for_curator),
        "tkdn_document": document,
        "tkdn_document_expired": bool(
            document and document.valid_until and document.valid_until < timezone.localdate(now)
        ),
        "price_history": price_history(product),
        "audit": audit_rows(product),
        # What the page offers; the services check the same table again.
        "can_submit": states.can(product.status, states.SUBMIT),
        "can_withdraw": states.can(product.status, states.WITHDRAW),
        "can_decide": states.can(product.status, states.APPROVE),
        **_waiting(product.submitted_at if product.status == ProductStatus.SUBMITTED else None, now),
    }


def curation_queue(*, now: dt.datetime) -> list[dict]:
    """Products waiting for curation, the longest-waiting first."""
    by_id = category_lookup()
    products = (
        Product.objects.filter(status=ProductStatus.SUBMITTED)
        .select_related("vendor", "vendor__region")
        .order_by("submitted_at", "id")
    )
    return [
        {
            "pk": product.pk,
            "sku": product.sku,
            "name": product.name,
            "vendor_name": product.vendor.name,
            "vendor_region": product.vendor.region.name,
            "vendor_status": product.vendor.get_status_display(),
            "category": _path_names(by_id[product.category_id], by_id),
            "price_idr": product.price_idr,
            "unit": product.unit,
            "submitted_at": product.submitted_at,
            "status_reason": product.status_reason,
            "kbli_problem": kbli_problem(product.vendor.kbli, by_id[product.category_id], by_id=by_id, for_curator=True),
            **_waiting(product.submitted_at, now),
        }
        for product in products
    ]
