"""Reads the API needs, built on the domain selectors and access rules.

Unknown filter values are refused (422 with the reason), unknown objects are 404: never a 500.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.catalog import selectors as catalog_selectors
from katalog.catalog.models import Category, Certification, Product, ProductPhoto, ProductStatus
from katalog.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.regions.models import Region
from katalog.regions.selectors import normalise_region_code
from katalog.search.models import SearchEntry
from katalog.search.selectors import SORTS, SUGGEST_LIMIT, SearchFilters, SearchResult, search
from katalog.search.selectors import suggest as search_suggest
from katalog.vendors import selectors as vendor_selectors
from katalog.vendors.access import vendor_for_user
from katalog.vendors.models import BusinessScale, Vendor, VendorDocument, VendorStatus

# What serialising a product reads, loaded up front (the category tree has at most three levels).
PRODUCT_RELATED = (
    "vendor",
    "vendor__region",
    "origin_region",
    "category",
    "category__parent",
    "category__parent__parent",
)


def _photos():
    return Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))


# ---- Paging ----

def page_size_max() -> int:
    return int(settings.KATALOG["API_PAGE_SIZE_MAX"])


def check_paging(*, page: int, page_size: int) -> None:
    """A page size within the maximum and a page from 1, or a 422 saying which."""
    maximum = page_size_max()
    if page_size < 1 or page_size > maximum:
        raise ValidationFailed(
            _("page_size must be between 1 and %(max)s.") % {"max": maximum},
            field_errors={"page_size": [_("Between 1 and %(max)s.") % {"max": maximum}]},
        )
    if page < 1:
        raise ValidationFailed(
            _("page starts at 1."), field_errors={"page": [_("Page numbers start at 1.")]}
        )


def check_page_exists(*, page: int, count: int, page_size: int) -> int:
    """The number of pages; a 422 when `page` is past the last one."""
    pages = max(1, -(-count // page_size))
    if page > pages:
        raise ValidationFailed(
            _("Page %(page)s does not exist: there are %(pages)s page(s).") % {"page": page, "pages": pages},
            field_errors={"page": [_("At most %(pages)s.") % {"pages": pages}]},
        )
    return pages


def status_filter(value: str, allowed: list[str]) -> str:
    """A `status` filter stripped; a value outside `allowed` is a 422 listing them."""
    status = value.strip()
    if status and status not in allowed:
        message = _("Unknown status %(value)r (use one of: %(allowed)s).") % {
            "value": status, "allowed": ", ".join(allowed),
        }
        raise ValidationFailed(message, field_errors={"status": [message]})
    return status


def paginate(queryset, *, page: int, page_size: int, serialise) -> dict:
    """One page of a queryset as {count, page, page_size, pages, items}; out-of-range is a 422."""
    check_paging(page=page, page_size=page_size)
    count = queryset.count()
    pages = check_page_exists(page=page, count=count, page_size=page_size)
    start = (page - 1) * page_size
    items = [serialise(row) for row in queryset[start : start + page_size]] if count else []
    return {"count": count, "page": page, "page_size": page_size, "pages": pages, "items": items}


# ---- Public catalogue ----

def category_by_slug(slug: str) -> Category:
    """A category by its slug, or by its name, path or other name as a spreadsheet would write it."""
    category = Category.objects.filter(slug=slug, is_active=True).first()
    if category is not None:
        return category
    from katalog.imports.categories import CategoryResolver
    from katalog.imports.cells import CellError

    try:
        found = CategoryResolver.load().resolve(slug, row=0)
    except CellError as exc:
        raise ValidationFailed(str(exc), field_errors={"category": [str(exc)]}) from None
    if not isinstance(found, Category):
        raise ValidationFailed(
            _("Unknown category %(slug)r.") % {"slug": slug}, field_errors={"category": [_("Unknown category.")]}
        )
    return found


def optional_category(slug: str | None) -> Category | None:
    """The category a slug names, or None when it is empty."""
    return category_by_slug(slug) if slug else None


def listed_product_id(sku: str | None) -> int | None:
    """A listed product's id by SKU (services check whose it is); no SKU is None, unknown is a 422."""
    if not sku:
        return None
    product_id = catalog_selectors.listed_products().filter(sku=sku).values_list("pk", flat=True).first()
    if product_id is None:
        message = _("No listed product has the SKU %(sku)r.") % {"sku": sku}
        raise ValidationFailed(message, field_errors={"sku": [message]})
    return product_id


def region_by_code(code: str, *, field: str) -> Region:
    region = Region.objects.filter(code=normalise_region_code(code)).first()
    if region is None:
        raise ValidationFailed(
            _("Unknown region code %(code)r (use a Kemendagri code such as 18.71).") % {"code": code},
            field_errors={field: [_("Unknown region code.")]},
        )
    return region


def products_public(
    *, category: str = "", vendor: str = "", regency: str = "", local: bool = False, q: str = ""
):
    """Listed products (approved, of verified vendors) matching the filters, newest first."""
    category_obj = optional_category(category)
    vendor_obj = _verified_vendor(vendor) if vendor else None
    qs = catalog_selectors.product_list_public(
        category=category_obj, vendor=vendor_obj, local_only=local, query=q.strip()
    )
    if regency:
        qs = qs.filter(vendor__region=region_by_code(regency, field="regency"))
    return qs.select_related(*PRODUCT_RELATED)


# ---- Search (the same engine as the /cari/ page) ----

SEARCH_ONLY_PARAMS = ("sort", "scale", "tkdn_min", "tkdn_max", "certification", "price_min", "price_max")


def _split(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated values as one list, stripped, without repeats."""
    found: list[str] = []
    for value in values or []:
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


def _choices(values: list[str] | None, *, allowed: list[str], field: str, case) -> list[str]:
    chosen = [case(v) for v in _split(values)]
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        message = _("Unknown %(field)s value %(value)r (use one of: %(allowed)s).") % {
            "field": field, "value": unknown[0], "allowed": ", ".join(allowed),
        }
        raise ValidationFailed(message, field_errors={field: [message]})
    return chosen


def _ordered(low, high, *, field: str) -> None:
    if low is not None and high is not None and low > high:
        message = _("%(field)s_min must not be above %(field)s_max.") % {"field": field}
        raise ValidationFailed(message, field_errors={f"{field}_min": [message]})


def wants_search(params: dict) -> bool:
    """Search answers when a search-only parameter is given, or whenever the index has been built.

    Before the first `katalog reindex` the list is the plain listing, newest first, without facets.
    """
    if any(params.get(name) not in (None, "", []) for name in SEARCH_ONLY_PARAMS):
        return True
    return SearchEntry.objects.exists()


def products_search(
    *, q: str = "", category: str = "", vendor: str = "", regency: str = "", local: bool = False,
    sort: str = "", scale: list[str] | None = None, tkdn_min: Decimal | None = None,
    tkdn_max: Decimal | None = None, certification: list[str] | None = None, price_min: int | None = None,
    price_max: int | None = None, page: int = 1, page_size: int = 24,
) -> tuple[SearchResult, str]:
    """(one page of search results with facets, the sort used); bad filter values and pages are a 422."""
    check_paging(page=page, page_size=page_size)
    sort = (sort or "relevance").strip().lower()
    if sort not in SORTS:
        message = _("Unknown sort %(value)r (use one of: %(allowed)s).") % {"value": sort, "allowed": ", ".join(SORTS)}
        raise ValidationFailed(message, field_errors={"sort": [message]})
    _ordered(tkdn_min, tkdn_max, field="tkdn")
    _ordered(price_min, price_max, field="price")
    filters = SearchFilters(
        category=optional_category(category),
        regency=region_by_code(regency, field="regency") if regency else None,
        scales=_choices(scale, allowed=list(BusinessScale.values), field="scale", case=str.lower),
        tkdn_min=tkdn_min,
        tkdn_max=tkdn_max,
        certifications=_choices(certification, allowed=list(Certification.values), field="certification", case=str.upper),
        price_min=price_min,
        price_max=price_max,
        local_only=local,
        vendor=_verified_vendor(vendor) if vendor else None,
    )
    result = search(q=q.strip()[:200], filters=filters, sort=sort, page=page, page_size=page_size)
    check_page_exists(page=page, count=result.total, page_size=page_size)
    return result, sort


def _verified_vendor(code: str) -> Vendor:
    vendor = Vendor.objects.filter(code=code, status=VendorStatus.VERIFIED).first()
    if vendor is None:
        raise ValidationFailed(
            _("Unknown vendor %(code)r.") % {"code": code}, field_errors={"vendor": [_("Unknown vendor.")]}
        )
    return vendor


def products_suggest(*, q: str, limit: int) -> list[dict]:
    return search_suggest(q=q, limit=max(1, min(limit, SUGGEST_LIMIT)))


def product_public_get(sku: str) -> Product:
    product = (
        catalog_selectors.product_list_public().select_related(*PRODUCT_RELATED).filter(sku=sku).first()
    )
    if product is None:
        raise NotFoundError(_("No listed product has the SKU %(sku)r.") % {"sku": sku})
    return product


def vendor_public_get(code: str, *, today) -> tuple[Vendor, list[dict], int]:
    """A verified vendor, its certificates still valid today (no files), and its listed-product count."""
    vendor = vendor_selectors.vendor_get_public(code)
    if vendor is None:
        raise NotFoundError(_("No verified vendor has the code %(code)r.") % {"code": code})
    certificates = vendor_selectors.vendor_certificates_public(vendor, today=today)
    return vendor, certificates, catalog_selectors.product_list_public(vendor=vendor).count()


def regions_all() -> list[Region]:
    return list(Region.objects.select_related("parent").order_by("code"))


# ---- Vendors' own products ----

def vendor_of(user) -> Vendor:
    """The vendor business the user acts for; 403 with the reason for anyone else."""
    vendor = vendor_for_user(user)
    if vendor is None:
        raise PermissionDeniedError(
            _("Only members of a vendor business may use the vendor endpoints."), code="not_a_vendor"
        )
    return vendor


def vendor_products(vendor: Vendor):
    return (
        Product.objects.filter(vendor=vendor)
        .select_related(*PRODUCT_RELATED)
        .prefetch_related(_photos())
        .order_by("-updated_at", "-id")
    )


def vendor_product_get(vendor: Vendor, sku: str) -> Product:
    """One of the vendor's own products; another vendor's SKU is simply not found."""
    product = vendor_products(vendor).filter(sku=sku).first()
    if product is None:
        raise NotFoundError(_("Your business has no product with the SKU %(sku)r.") % {"sku": sku})
    return product


# ---- Curation queues ----

def curation_products():
    """Products waiting for curation, longest waiting first."""
    return (
        Product.objects.filter(status=ProductStatus.SUBMITTED)
        .select_related(*PRODUCT_RELATED)
        .prefetch_related(_photos())
        .order_by("submitted_at", "id")
    )


def curation_product_get(sku: str) -> Product:
    product = Product.objects.select_related(*PRODUCT_RELATED).filter(sku=sku).first()
    if product is None:
        raise NotFoundError(_("No product has the SKU %(sku)r.") % {"sku": sku})
    return product


def curation_vendors():
    """Vendors waiting for verification, longest waiting first."""
    return (
        Vendor.objects.filter(status=VendorStatus.SUBMITTED)
        .select_related("region")
        .prefetch_related(Prefetch("documents", queryset=VendorDocument.objects.order_by("kind", "number")))
        .order_by("submitted_at", "id")
    )


def curation_vendor_get(code: str) -> Vendor:
    vendor = Vendor.objects.select_related("region", "organisation").filter(code=code).first()
    if vendor is None:
        raise NotFoundError(_("No vendor has the code %(code)r.") % {"code": code})
    return vendor


def me_memberships(user) -> list:
    return access.memberships_of(user)
