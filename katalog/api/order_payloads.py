"""What goes into and comes out of the order routes: the order as the API shows it, and input checks."""

from django.urls import reverse
from django.utils.translation import gettext as _

from katalog.catalog.selectors import listed_products
from katalog.core import clock
from katalog.core.errors import NotFoundError, ValidationFailed
from katalog.procurement import selectors as order_selectors
from katalog.procurement.models import OrderStatus
from katalog.vendors.selectors import vendor_get_public

from .procurement_schemas import plain
from .serializers import iso

IDEMPOTENCY_KEY_MAX = 120
# While the price is still open both sides see what the category usually costs.
REFERENCE_STATUSES = {OrderStatus.DRAFT, OrderStatus.NEGOTIATING}


# ---- Reading ----

def documents(detail: dict) -> list[dict]:
    found = []
    if detail["sp_number"]:
        found.append({
            "kind": "surat_pesanan", "number": detail["sp_number"],
            "page_url": reverse("procurement_documents:surat_pesanan", args=[detail["number"]]),
            "pdf_url": reverse("procurement_documents:surat_pesanan_pdf", args=[detail["number"]]),
        })
    for delivery in detail["deliveries"]:
        bast = delivery["bast"]
        if bast is not None:
            found.append({
                "kind": "bast", "number": bast["number"], "delivery_id": delivery["id"],
                "page_url": reverse("procurement_documents:bast", args=[bast["id"]]),
                "pdf_url": reverse("procurement_documents:bast_pdf", args=[bast["id"]]),
            })
    return found


def reference_prices(detail: dict) -> list[dict]:
    if detail["status"] not in REFERENCE_STATUSES:
        return []
    now = clock.now()
    by_category: dict[int, dict | None] = {}
    result = []
    for line in detail["lines"]:
        category_id = line["category_id"]
        if category_id not in by_category:
            by_category[category_id] = order_selectors.category_reference_price(category_id, now=now)
        result.append({"line_id": line["id"], "category_id": category_id, "reference": by_category[category_id]})
    return result


def order_out(user, order_id: int) -> dict:
    detail = order_selectors.order_detail(user, order_id)
    detail["documents"] = documents(detail)
    detail["reference_prices"] = reference_prices(detail)
    return plain(detail)


def list_item(order) -> dict:
    return {
        "id": order.pk,
        "number": order.number,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "title": order.title,
        "buyer_organisation": {"id": order.buyer_organisation_id, "name": order.buyer_organisation.name},
        "vendor": {"id": order.vendor_id, "name": order.vendor.name},
        "total_idr": order.total_idr,
        "sp_number": order.sp_number,
        "waiting_since": iso(order.waiting_since),
        "created_at": iso(order.created_at),
        "updated_at": iso(order.updated_at),
        "url": reverse("api:order_get", args=[order.pk]),
    }


def require_part(user, order_id: int, part: str, part_id: int) -> None:
    """A delivery or addendum of this order (the order visible to `user`), else 404."""
    detail = order_selectors.order_detail(user, order_id)
    if not any(row["id"] == part_id for row in detail[part]):
        raise NotFoundError(_("This order has no such record."))


# ---- Input ----

def products(lines) -> list[tuple]:
    """(listed product, quantity) pairs; an unknown or unlisted SKU is a 422 naming it."""
    skus = [line.sku for line in lines]
    found = {p.sku: p for p in listed_products().select_related("vendor").filter(sku__in=skus)}
    for sku in skus:
        if sku not in found:
            message = _("No listed product has the SKU %(sku)r.") % {"sku": sku}
            raise ValidationFailed(message, field_errors={"lines": [message]})
    return [(found[line.sku], line.quantity) for line in lines]


def vendor(code: str | None, pairs: list[tuple]):
    if code:
        vendor = vendor_get_public(code)
        if vendor is None:
            message = _("No verified vendor has the code %(code)r.") % {"code": code}
            raise ValidationFailed(message, field_errors={"vendor": [message]})
        return vendor
    return pairs[0][0].vendor if pairs else None


def idempotency_key(value: str | None) -> str:
    key = (value or "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        message = _("The Idempotency-Key may have at most %(max)s characters.") % {"max": IDEMPOTENCY_KEY_MAX}
        raise ValidationFailed(message, field_errors={"Idempotency-Key": [message]})
    return key
