"""Does a vendor's KBLI fit a product's category? A warning for vendors and curators, never a block."""

from __future__ import annotations

from django.utils.translation import gettext as _

from katalog.vendors.identifiers import kbli_fits

from .models import Category


def _join_or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s or %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def category_kbli_codes(category: Category, by_id: dict[int, Category] | None = None) -> list[str]:
    """The category's own codes, else its parent's, and so on; an empty list means anything fits.

    `by_id` (every category by primary key) lets list pages decide without a query per product.
    """
    node = category
    while node is not None:
        if node.kbli_codes:
            return [str(code) for code in node.kbli_codes]
        if not node.parent_id:
            return []
        node = by_id[node.parent_id] if by_id is not None else node.parent
    return []


def kbli_problem(
    vendor_codes: list[str], category: Category, *, by_id: dict[int, Category] | None = None,
    for_curator: bool = False,
) -> str | None:
    needed = category_kbli_codes(category, by_id)
    codes = [str(code) for code in (vendor_codes or [])]
    if kbli_fits(codes, needed):
        return None
    params = {"codes": ", ".join(codes), "category": category.name, "needed": _join_or(needed)}
    if not codes:
        if for_curator:
            return _(
                "The vendor has no KBLI codes recorded; the category %(category)s needs KBLI starting with %(needed)s."
            ) % params
        return _(
            "Your business has no KBLI codes recorded; the category %(category)s needs KBLI starting with %(needed)s."
        ) % params
    if for_curator:
        return _(
            "The vendor's KBLI codes %(codes)s do not fit the category %(category)s, "
            "which needs KBLI starting with %(needed)s."
        ) % params
    return _(
        "Your KBLI codes %(codes)s do not fit the category %(category)s, which needs KBLI starting with %(needed)s."
    ) % params


def product_kbli_problem(product, *, for_curator: bool = False) -> str | None:
    """Why the vendor's KBLI codes do not fit the product's category, or None when they fit."""
    return kbli_problem(product.vendor.kbli, product.category, for_curator=for_curator)
