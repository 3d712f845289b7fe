"""Public read API of the catalogue: listed products of verified vendors, vendors, categories, regions.

No authentication. Each handler parses, calls one selector and serialises.
"""

from decimal import Decimal

from ninja import Query, Router, Schema
from pydantic import Field

from katalog.catalog.selectors import category_tree
from katalog.core import clock

from . import selectors, serializers
from .schemas import (
    CategoryOut,
    ErrorOut,
    ProductListPage,
    ProductOut,
    RegionOut,
    SuggestionsOut,
    VendorOut,
)

router = Router(tags=["catalogue"])


class ProductFilters(Schema):
    page: int = Field(1, description="Page number, from 1.")
    page_size: int = Field(24, description="Items per page, at most settings.KATALOG['API_PAGE_SIZE_MAX'].")
    q: str = Field("", description="Words to look for (stems, synonyms and small typos are understood).")
    category: str = Field("", description="Category slug or name; includes its subcategories.")
    vendor: str = Field("", description="Vendor code.")
    regency: str = Field("", description="Kemendagri code of the vendor's regency/city, e.g. 18.71.")
    local: bool = Field(False, description="Only 'Produk Lokal Lampung' (made in the province by a vendor of it).")
    sort: str = Field(
        "", description="relevance (the default: local first among comparably relevant), price_asc, price_desc, "
        "tkdn or newest.",
    )
    scale: list[str] = Field([], description="Vendor scale: mikro, kecil, menengah, besar (repeat or comma-separate).")
    tkdn_min: Decimal | None = Field(None, ge=0, le=100, description="Lowest TKDN in percent.")
    tkdn_max: Decimal | None = Field(None, ge=0, le=100, description="Highest TKDN in percent.")
    certification: list[str] = Field(
        [], description="Every one of SNI, HALAL, TKDN, PIRT, BPOM, HKI (repeat or comma-separate)."
    )
    price_min: int | None = Field(None, ge=0, description="Lowest unit price in whole rupiah.")
    price_max: int | None = Field(None, ge=0, description="Highest unit price in whole rupiah.")


@router.get(
    "/products",
    response={200: ProductListPage, 422: ErrorOut},
    auth=None,
    exclude_unset=True,
    summary="Listed products (approved, of verified vendors), local first, with facet counts",
    description=(
        "Answered by the catalogue's search: relevance first, then local UMK, other local, PDN and the rest, "
        "with `score`, `tier` and `reasons` on each item and `facets` counted over every matching product. "
        "Before the search index is first built the list is the plain listing, newest first, without them."
    ),
)
def product_list(request, filters: Query[ProductFilters]):
    params = filters.dict()
    if selectors.wants_search(params):
        result, sort = selectors.products_search(**params)
        return serializers.search_page(result, sort=sort)
    queryset = selectors.products_public(
        category=filters.category, vendor=filters.vendor, regency=filters.regency, local=filters.local, q=filters.q
    )
    return selectors.paginate(
        queryset, page=filters.page, page_size=filters.page_size, serialise=serializers.product_public
    )


@router.get(
    "/products/suggest",
    response={200: SuggestionsOut},
    auth=None,
    exclude_none=True,
    summary="Suggestions while typing: product names (local first) and categories",
)
def product_suggest(request, q: str = "", limit: int = 8):
    rows = selectors.products_suggest(q=q, limit=limit)
    return {"q": q, "suggestions": [serializers.suggestion(row) for row in rows]}


@router.get(
    "/products/{sku}", response={200: ProductOut, 404: ErrorOut}, auth=None, summary="One listed product"
)
def product_detail(request, sku: str):
    return serializers.product_public(selectors.product_public_get(sku))


@router.get(
    "/vendors/{code}", response={200: VendorOut, 404: ErrorOut}, auth=None, summary="A verified vendor"
)
def vendor_detail(request, code: str):
    vendor, certificates, product_count = selectors.vendor_public_get(code, today=clock.today())
    return serializers.vendor_public(vendor, certificates=certificates, product_count=product_count)


@router.get(
    "/categories",
    response=list[CategoryOut],
    auth=None,
    summary="The category tree (three levels) with fitting KBLI codes and listed-product counts",
)
def category_list(request):
    return [serializers.category_node(node) for node in category_tree()]


@router.get(
    "/regions",
    response=list[RegionOut],
    auth=None,
    summary="Provinces and regencies/cities with Kemendagri and BPS codes",
)
def region_list(request):
    return [serializers.region(r) for r in selectors.regions_all()]
