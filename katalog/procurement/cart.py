"""The buyer's cart: listed products and quantities kept in the session, grouped by vendor.

An order goes to one vendor (one vendor per checkout), so each vendor's group becomes its own draft
order. The cart stores only product ids and quantities; names and prices are read fresh from the
catalogue, and a product that is no longer listed simply drops out.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.catalog import badges
from katalog.catalog.selectors import listed_products
from katalog.core.errors import NotFoundError, ValidationFailed

SESSION_KEY = "procurement_cart"
MAX_QUANTITY = 1_000_000


def _items(session) -> dict[str, int]:
    return dict(session.get(SESSION_KEY) or {})


def _save(session, items: dict[str, int]) -> None:
    session[SESSION_KEY] = items


def _check_quantity(quantity, *, minimum: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not minimum <= quantity <= MAX_QUANTITY:
        message = _("Enter a whole number from %(minimum)s to %(maximum)s.") % {
            "minimum": minimum, "maximum": f"{MAX_QUANTITY:,}".replace(",", "."),
        }
        raise ValidationFailed(message, field_errors={"quantity": [message]})
    return quantity


def cart_add(session, *, sku: str, quantity: int):
    """Add a listed product (more of it if already in the cart); returns the product."""
    product = listed_products().filter(sku=(sku or "").strip()).first()
    if product is None:
        raise NotFoundError(_("This product is not listed in the catalogue."))
    items = _items(session)
    key = str(product.pk)
    _check_quantity(quantity, minimum=1)
    total = _check_quantity(items.get(key, 0) + quantity, minimum=1)
    if total < product.min_order:
        message = _("Order at least %(min)s %(unit)s.") % {"min": product.min_order, "unit": product.unit}
        raise ValidationFailed(message, field_errors={"quantity": [message]})
    items[key] = total
    _save(session, items)
    return product


def cart_set_quantity(session, *, product_id: int, quantity: int) -> None:
    """Change a product's quantity; 0 removes it."""
    items = _items(session)
    key = str(product_id)
    if key not in items:
        raise NotFoundError(_("This product is not in your cart."))
    if _check_quantity(quantity, minimum=0) == 0:
        del items[key]
    else:
        items[key] = quantity
    _save(session, items)


def cart_remove(session, *, product_id: int) -> None:
    items = _items(session)
    items.pop(str(product_id), None)
    _save(session, items)


def _listed(items: dict[str, int]):
    ids = [int(key) for key in items]
    return listed_products().filter(pk__in=ids).order_by("vendor__name", "name", "pk")


def cart_contents(session) -> dict:
    """The cart as plain data: one group per vendor, each with its lines and total."""
    items = _items(session)
    groups: dict[int, dict] = {}
    for product in _listed(items) if items else []:
        quantity = items[str(product.pk)]
        group = groups.setdefault(product.vendor_id, {
            "vendor": {
                "code": product.vendor.code, "name": product.vendor.name, "is_umk": product.vendor.is_umk,
                "region": product.vendor.region.name if product.vendor.region_id else "",
            },
            "lines": [],
            "total_idr": 0,
        })
        subtotal = quantity * product.price_idr
        group["lines"].append({
            "product_id": product.pk, "sku": product.sku, "name": product.name, "unit": product.unit,
            "price_idr": product.price_idr, "quantity": quantity, "subtotal_idr": subtotal,
            "min_order": product.min_order, "below_minimum": quantity < product.min_order,
            "badges": badges.product_badges(product),
        })
        group["total_idr"] += subtotal
    result = list(groups.values())
    return {"groups": result, "count": sum(len(g["lines"]) for g in result)}


def cart_group_for_order(session, *, vendor_code: str) -> list[tuple[object, int]]:
    """(product, quantity) pairs of one vendor's group, for order_create."""
    items = _items(session)
    if not items:
        return []
    products = _listed(items).filter(vendor__code=vendor_code)
    return [(product, items[str(product.pk)]) for product in products]


def cart_forget(session, *, product_ids) -> None:
    """Drop products that became an order (only those: others added meanwhile stay)."""
    items = _items(session)
    for product_id in product_ids:
        items.pop(str(product_id), None)
    _save(session, items)
