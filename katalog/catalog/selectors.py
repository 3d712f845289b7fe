"""Reads of the catalogue with their visibility rules: the public sees approved products only."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from katalog.vendors import selectors as vendor_selectors
from katalog.vendors.models import Vendor, VendorDocument, VendorStatus

from . import badges
from .kbli import product_kbli_problem  # noqa: F401  (part of this module's API)
from .models import Category, Certification, Product, ProductPhoto, ProductStatus


def _public_products():
    """Approved products of verified vendors, with what cards and badges need, in few queries."""
    return (
        Product.objects.filter(status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED)
        .select_related(
            "vendor", "vendor__region", "origin_region", "category", "category__parent", "category__parent__parent"
        )
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
    )


def listed_products():
    """Every listed product (approved, verified vendor), for counts and reports."""
    return _public_products()


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


ORDERINGS = {
    "newest": ("-approved_at", "-id"),
    "price_asc": ("price_idr", "-id"),
    "price_desc": ("-price_idr", "-id"),
}


def product_list_public(
    *, category: Category | None = None, vendor=None, local_only: bool = False, query: str = "",
    order: str = "newest",
):
    """Queryset of listed products, newest first (or by price: `order` is a key of ORDERINGS)."""
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
    return qs.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))


def product_get_public(sku: str) -> Product | None:
    return _public_products().filter(sku=sku).first()


def paginate(queryset, page: str | int | None, per_page: int):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def home_page_data(*, featured: int = 8) -> dict:
    """What the public home page shows: counts, the category tree and featured local products."""
    local = list(product_list_public(local_only=True)[:featured])
    public = _public_products().order_by()
    return {
        "category_tree": category_tree(),
        "featured_products": [product_card(p) for p in local],
        "product_count": public.count(),
        "local_product_count": public.filter(badges.local_q()).count(),
        "vendor_count": Vendor.objects.filter(status=VendorStatus.VERIFIED).count(),
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
        "category_slug": product.category.slug,
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


def category_node(tree: list[dict], category_id: int) -> dict | None:
    """The node of `category_tree()` for one category (its children carry counts)."""
    stack = list(tree)
    while stack:
        node = stack.pop()
        if node["category"].pk == category_id:
            return node
        stack.extend(node["children"])
    return None


def category_get_public(slug: str) -> Category | None:
    return (
        Category.objects.select_related("parent", "parent__parent").filter(slug=slug, is_active=True).first()
    )


def certification_labels(codes: list[str]) -> list[str]:
    labels = dict(Certification.choices)
    return [str(labels.get(code, code)) for code in codes or []]


def product_page(product: Product) -> dict:
    """Plain data for a product's public page; `product` comes from product_get_public."""
    card = product_card(product)
    facts = badges.facts_of(product)
    vendor = product.vendor
    return {
        **card,
        "description": product.description,
        "min_order": product.min_order,
        "capacity_per_month": product.capacity_per_month,
        "tkdn_plus_bmp": badges.tkdn_plus_bmp(facts),
        "certifications": certification_labels(product.certifications),
        "photo_urls": [photo.image.url for photo in product.photos.all()],
        "category_path": [{"name": c.name, "slug": c.slug} for c in category_path(product.category)],
        "vendor": {
            "code": vendor.code,
            "name": vendor.name,
            "scale": vendor.get_scale_display(),
            "is_umk": vendor.is_umk,
            "region": vendor.region.name,
        },
        "approved_at": product.approved_at,
    }


# ---- Public vendor profile (verified vendors only: katalog.vendors.selectors.vendor_get_public) ----

def vendor_certificates_valid(vendor: Vendor, *, today: dt.date) -> list[VendorDocument]:
    """Certificates still valid today (no end date, or ending today or later)."""
    return list(
        vendor_selectors.vendor_documents_valid(vendor, today=today).order_by("kind", "-valid_until", "number")
    )
