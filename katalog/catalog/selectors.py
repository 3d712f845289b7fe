"""Reads of the catalogue with their visibility rules: the public sees approved products only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from katalog.vendors.models import VendorStatus

from . import badges
from .models import Category, Product, ProductPhoto, ProductStatus


def _public_products():
    """Approved products of verified vendors, with what cards and badges need, in few queries."""
    return (
        Product.objects.filter(status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED)
        .select_related("vendor", "vendor__region", "origin_region", "category", "category__parent")
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
    )


def category_descendant_ids(category: Category) -> list[int]:
    """The category and every category below it (the tree has at most three levels)."""
    ids = [category.pk]
    frontier = [category.pk]
    while frontier:
        frontier = list(Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def category_path(category: Category) -> list[Category]:
    path = [category]
    while path[0].parent_id:
        path.insert(0, path[0].parent)
    return path


def category_tree() -> list[dict]:
    """Top-level categories with their children and grandchildren, and counts of listed products."""
    categories = list(Category.objects.filter(is_active=True).order_by("level", "position", "name"))
    counts = dict(
        _public_products()
        .order_by()
        .values_list("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    nodes = {c.pk: {"category": c, "children": [], "own_count": counts.get(c.pk, 0)} for c in categories}
    roots = []
    for c in categories:
        node = nodes[c.pk]
        if c.parent_id and c.parent_id in nodes:
            nodes[c.parent_id]["children"].append(node)
        elif c.parent_id is None:
            roots.append(node)

    def total(node):
        node["count"] = node["own_count"] + sum(total(child) for child in node["children"])
        return node["count"]

    for root in roots:
        total(root)
    return roots


def product_list_public(
    *, category: Category | None = None, vendor=None, local_only: bool = False, query: str = ""
):
    """Queryset of listed products, local first then newest."""
    qs = _public_products()
    if category is not None:
        qs = qs.filter(category_id__in=category_descendant_ids(category))
    if vendor is not None:
        qs = qs.filter(vendor=vendor)
    if local_only:
        qs = qs.filter(badges.local_q())
    if query:
        for word in query.split():
            qs = qs.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(vendor__name__icontains=word)
                | Q(category__name__icontains=word)
            )
    return qs.order_by("-approved_at", "-id")


def product_get_public(sku: str) -> Product | None:
    return _public_products().filter(sku=sku).first()


def paginate(queryset, page: str | int | None, per_page: int):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def home_page_data(*, featured: int = 8) -> dict:
    local = list(product_list_public(local_only=True)[:featured])
    return {
        "category_tree": category_tree(),
        "featured_products": [product_card(p) for p in local],
        "product_count": _public_products().count(),
    }


def product_card(product: Product) -> dict:
    """Plain data for a product card (templates and API both use it)."""
    photos = list(product.photos.all())
    return {
        "sku": product.sku,
        "name": product.name,
        "price_idr": product.price_idr,
        "unit": product.unit,
        "category": product.category.name,
        "vendor_code": product.vendor.code,
        "vendor_name": product.vendor.name,
        "vendor_scale": product.vendor.scale,
        "vendor_region": product.vendor.region.name,
        "origin_region": product.origin_region.name if product.origin_region_id else None,
        "tkdn_pct": product.tkdn_pct,
        "bmp_pct": product.bmp_pct,
        "badges": badges.product_badges(product),
        "photo_url": photos[0].image.url if photos else None,
    }
