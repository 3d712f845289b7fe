"""What the province reports about its catalogue (for leaders): plain figures, no charts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from katalog.vendors.models import BusinessScale, Vendor, VendorStatus

from . import badges
from .models import Category
from .selectors import listed_products


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def catalogue_summary() -> dict:
    """Listed products, verified vendors by class, categories used, and local / PDN / UMK shares."""
    listed = listed_products().order_by()
    product_count = listed.count()

    by_scale = dict(
        Vendor.objects.filter(status=VendorStatus.VERIFIED)
        .order_by()
        .values_list("scale")
        .annotate(n=Count("id"))
        .values_list("scale", "n")
    )
    vendor_classes = [
        {"label": _("Micro (mikro)"), "count": by_scale.get(BusinessScale.MIKRO, 0)},
        {"label": _("Small (kecil)"), "count": by_scale.get(BusinessScale.KECIL, 0)},
        {
            "label": _("Non-UMK (medium and large)"),
            "count": by_scale.get(BusinessScale.MENENGAH, 0) + by_scale.get(BusinessScale.BESAR, 0),
        },
    ]

    per_category = dict(
        listed.values_list("category_id").annotate(n=Count("id")).values_list("category_id", "n")
    )
    categories = {c.pk: c for c in Category.objects.all()}

    def root_of(category_id: int) -> Category:
        node = categories[category_id]
        while node.parent_id:
            node = categories[node.parent_id]
        return node

    per_root: dict[int, int] = {}
    for category_id, n in per_category.items():
        root = root_of(category_id)
        per_root[root.pk] = per_root.get(root.pk, 0) + n
    roots = sorted(
        (c for c in categories.values() if c.parent_id is None), key=lambda c: (c.position, c.name)
    )
    by_top_category = [
        {"name": root.name, "slug": root.slug, "count": per_root.get(root.pk, 0), "share": _share(per_root.get(root.pk, 0), product_count)}
        for root in roots
    ]

    local = listed.filter(badges.local_q()).count()
    pdn = badges.with_tkdn_plus_bmp(listed).filter(badges.pdn_q()).count()
    umk = listed.filter(badges.umk_q()).count()
    return {
        "product_count": product_count,
        "vendor_classes": vendor_classes,
        "vendor_count": sum(row["count"] for row in vendor_classes),
        "categories_used": len(per_category),
        "by_top_category": by_top_category,
        "shares": [
            {"code": badges.LOCAL, "label": str(badges.LABELS[badges.LOCAL]), "count": local, "share": _share(local, product_count)},
            {"code": badges.PDN, "label": str(badges.LABELS[badges.PDN]), "count": pdn, "share": _share(pdn, product_count)},
            {"code": badges.UMK, "label": str(badges.LABELS[badges.UMK]), "count": umk, "share": _share(umk, product_count)},
        ],
    }
